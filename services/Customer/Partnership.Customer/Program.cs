using Partnership.Customer;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCustomerService();

var app = builder.Build();
app.UseGrpcDefaults();
app.MapCustomerService();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
