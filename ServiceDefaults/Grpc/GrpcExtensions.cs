using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Grpc.Input;
using Partnership.ServiceDefaults.Grpc.RateLimiting;
using Partnership.ServiceDefaults.Http;

namespace Partnership.ServiceDefaults.Grpc;

public static class GrpcExtensions
{
    /// <summary>Largest request message a service accepts; larger ones get RESOURCE_EXHAUSTED.</summary>
    public const int MaxReceiveMessageSize = 64 * 1024;

    /// <summary>
    /// gRPC with the domain-error mapping, per-caller write rate limits, the generic input guard, bounded request
    /// size, gRPC-Web for the portal (CORS for configured origins only), JSON over HTTP with an OpenAPI document
    /// (<see cref="JsonHttpApi"/>) and, for development only, server reflection.
    /// </summary>
    public static TBuilder AddGrpcDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<InputLimits>(builder.Configuration.GetSection(InputLimits.Section));
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        builder.Services.AddSingleton<WriteRateLimiter>();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxReceiveMessageSize;
            // Outermost first: statuses are built (and clamped) around everything; writes are counted before the
            // guard, so a flood of invalid writes is limited too.
            o.Interceptors.Add<DomainExceptionInterceptor>();
            o.Interceptors.Add<WriteRateLimitInterceptor>();
            o.Interceptors.Add<InputGuardInterceptor>();
        }).AddJsonHttpApi(builder);
        if (ReflectionEnabled(builder.Configuration, builder.Environment)) builder.Services.AddGrpcReflection();
        builder.AddConfiguredCors();
        builder.AddKestrelLimits();
        return builder;
    }

    public static WebApplication UseGrpcDefaults(this WebApplication app)
    {
        app.UseCors();
        app.UseJsonHttpApi();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.EnsureTokenValidation();
        app.UseMiddleware<RequestDecodingMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        if (ReflectionEnabled(app.Configuration, app.Environment)) app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>
    /// Reflection lists every service and message, a map for a prober: only for development tools. On when
    /// Grpc:Reflection is true; unset, on in the Development environment only.
    /// </summary>
    public static bool ReflectionEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Grpc:Reflection") ?? environment.IsDevelopment();
}
