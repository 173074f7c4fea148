using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.ServiceDefaults.Grpc;

public static class GrpcExtensions
{
    /// <summary>gRPC with the domain-error mapping, server reflection and gRPC-Web (the portal runs in a browser).</summary>
    public static TBuilder AddGrpcDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddGrpc(o => o.Interceptors.Add<DomainExceptionInterceptor>());
        builder.Services.AddGrpcReflection();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "invalid-field")));
        return builder;
    }

    public static WebApplication UseGrpcDefaults(this WebApplication app)
    {
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.EnsureTokenValidation();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcReflectionService();
        return app;
    }
}
