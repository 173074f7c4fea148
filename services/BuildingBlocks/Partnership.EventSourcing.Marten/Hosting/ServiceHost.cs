using Microsoft.AspNetCore.Builder;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Grpc;

namespace Partnership.EventSourcing.Marten.Hosting;

/// <summary>
/// A service process: the defaults every service shares around the service's own registration and endpoints, in the
/// order they must come (defaults before the service, gRPC middleware before its endpoints). Each Program.cs is one
/// call to this, so the order lives in one place.
/// </summary>
public static class ServiceHost
{
    public static void Run(string[] args, Action<WebApplicationBuilder> addService, Action<WebApplication> mapService)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        addService(builder);

        var app = builder.Build();
        app.UseGrpcDefaults();
        mapService(app);
        app.MapDefaultEndpoints();
        app.Run();
    }
}
