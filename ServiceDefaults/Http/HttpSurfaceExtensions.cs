using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Partnership.ServiceDefaults.Http;

/// <summary>What every service's HTTP ports accept from browsers and from anyone: CORS origins and Kestrel's limits.</summary>
public static class HttpSurfaceExtensions
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    /// <summary>
    /// CORS only for the origins in Cors:AllowedOrigins (a list, or one comma-separated value); none by default, so a
    /// browser on any other page cannot call the API with a user's token. The AppHost passes the portal's origin.
    /// gRPC-Web posts; JSON over HTTP reads with GET too.
    /// </summary>
    public static TBuilder AddConfiguredCors<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var origins = AllowedOrigins(builder.Configuration);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length > 0) p.WithOrigins(origins);
            p.AllowAnyHeader().WithMethods("GET", "POST", "OPTIONS")
                .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding", "invalid-field", "retry-after-ms");
        }));
        return builder;
    }

    public static string[] AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(AllowedOriginsKey);
        var values = section.Value is { } single ? single.Split(',') : section.Get<string[]>() ?? [];
        return values.Select(v => v.Trim().TrimEnd('/')).Where(v => v.Length > 0).ToArray();
    }

    /// <summary>
    /// Kestrel's own limits, a backstop under gRPC's message size limit: bodies of non-gRPC endpoints and headers
    /// stay small. (gRPC requests are bounded by MaxReceiveMessageSize instead.)
    /// </summary>
    public static TBuilder AddKestrelLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = 1024 * 1024;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            o.Limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        });
        return builder;
    }
}
