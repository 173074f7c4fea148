using Partnership.Notification;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationService();

var app = builder.Build();
app.UseGrpcDefaults();
app.MapNotificationService();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
