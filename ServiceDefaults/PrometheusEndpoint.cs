using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Partnership.ServiceDefaults;

/// <summary>
/// An opt-in Prometheus scrape endpoint (<c>Telemetry:PrometheusEndpoint=true</c> maps <c>/metrics</c> on the HTTP
/// port). Off by default: the OTLP exporter is how the dashboard gets metrics; this is for a scraper such as the
/// load benchmark, which reads the services' own counters instead of guessing from /proc and logs.
/// </summary>
public static class PrometheusEndpoint
{
    public const string Setting = "Telemetry:PrometheusEndpoint";

    public static TBuilder AddPrometheusEndpoint<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration.GetValue(Setting, false))
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapPrometheusEndpoint(this WebApplication app)
    {
        // Anonymous like /health: counters only, and only where an operator turned the endpoint on.
        if (app.Configuration.GetValue(Setting, false)) app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }
}
