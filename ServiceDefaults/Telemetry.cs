using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;

namespace Partnership.ServiceDefaults;

/// <summary>The project's own activity source and meter, exported by every service.</summary>
public static class Telemetry
{
    public const string ActivitySourceName = "Partnership";
    public const string MeterName = "Partnership";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);

    /// <summary>Something collects the service's telemetry: an OTLP endpoint, as the AppHost gives every service for its dashboard.</summary>
    public static bool Exported(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>
    /// Whether the service records spans (Telemetry:Tracing; by default where they are exported). A span is made for every
    /// request, message and SQL command; with nothing to take them that work buys nothing, so a service without a collector
    /// (the tests, the benchmark, a deployment without one) records none. (Six alternated benchmark pairs could not tell the
    /// CPU apart from the machine's spread: benchmarks/HISTORY.md.)
    /// </summary>
    public static bool Traced(IConfiguration configuration) => configuration.GetValue("Telemetry:Tracing", Exported(configuration));
}
