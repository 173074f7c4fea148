using Partnership.IdentityRoles;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityRolesService();

var app = builder.Build();
app.UseGrpcDefaults();
app.MapIdentityRolesService();
app.MapDefaultEndpoints();
app.Run();

public partial class Program;
