using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Partnership.ServiceDefaults.Authorization;

public static class AuthorizationExtensions
{
    /// <summary>The service's one authorization policy, enforced on every call before its handler.</summary>
    public static TBuilder AddCallerPolicy<TBuilder>(this TBuilder builder, CallerPolicy policy) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(policy);
        builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<CallerPolicyInterceptor>());
        return builder;
    }
}
