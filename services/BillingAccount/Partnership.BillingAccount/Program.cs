using Partnership.BillingAccount;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBillingAccountService();

var app = builder.Build();
app.UseGrpcDefaults();
app.MapBillingAccountService();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
