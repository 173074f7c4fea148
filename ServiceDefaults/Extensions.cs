using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Health;

namespace Partnership.ServiceDefaults;

public static class Extensions
{
    /// <summary>Telemetry, health checks, service discovery, resilient outgoing calls and JWT authentication.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.AddPartnershipAuthentication();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The AppHost asks for every metric to be collected and exported each second (OTEL_METRIC_EXPORT_INTERVAL=1000, a
        // development default): work an idle system would do each second in four services for graphs an operator reads
        // at a glance. Ten seconds still draws them; Telemetry:MetricExportIntervalMilliseconds sets it.
        builder.Configuration["OTEL_METRIC_EXPORT_INTERVAL"] =
            builder.Configuration["Telemetry:MetricExportIntervalMilliseconds"] ?? "10000";
        // Logs go to the console in any case; to OpenTelemetry only where something takes them (each record is built for it).
        if (Telemetry.Exported(builder.Configuration))
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
        // Npgsql's traces and metrics are added with the data source (Aspire.Npgsql, in the event store); the sampler
        // below applies to them as to every source, so the daemon's SQL goes with its dropped housekeeping span. Spans are
        // recorded only where Telemetry.Traced says so, theirs included.
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                // Partnership.EventStore: the event store's commits and appends (EventStoreMetrics in the Marten building block).
                .AddMeter("MassTransit", "Marten", Telemetry.MeterName, "Partnership.EventStore"));
        if (Telemetry.Traced(builder.Configuration))
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "Marten", Telemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsHealthRequest(ctx.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());
        if (!builder.Configuration.GetValue("Telemetry:HousekeepingSpans", false))
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new QuietHousekeepingSampler()));
        if (Telemetry.Exported(builder.Configuration))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        builder.AddPrometheusEndpoint();
        return builder;
    }

    private static bool IsHealthRequest(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        // The stores add their own: PostgreSQL ("postgres", on the event store's Aspire.Npgsql data source),
        // RabbitMQ with the bus (MassTransit's, tag "ready").
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>
    /// /health: every check with its reason (PostgreSQL, the store's schema, delivery, RabbitMQ, self; JSON); /alive: the
    /// process answers.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.Write });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapGrpcHealthChecksService();
        app.MapPrometheusEndpoint();
        return app;
    }
}
