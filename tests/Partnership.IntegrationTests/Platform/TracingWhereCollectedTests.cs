using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests.Platform;

/// <summary>A service records spans where something collects them (an OTLP endpoint), or where Telemetry:Tracing says so.</summary>
public sealed class TracingWhereCollectedTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("", null, false)]
    [InlineData("http://localhost:4317", null, true)]
    [InlineData("http://localhost:4317", "false", false)]
    [InlineData(null, "true", true)]
    public void Spans_are_recorded_where_they_are_exported_unless_configured_otherwise(string? endpoint, string? tracing, bool traced)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["Telemetry:Tracing"] = tracing,
        }).Build();
        Assert.Equal(traced, Telemetry.Traced(configuration));
    }

    [Fact]
    public void A_service_without_a_collector_has_no_tracer_and_one_told_to_trace_has()
    {
        Assert.Null(TracerOf(tracing: null));
        Assert.NotNull(TracerOf(tracing: "true"));
    }

    private static TracerProvider? TracerOf(string? tracing)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        if (tracing is not null) builder.Configuration["Telemetry:Tracing"] = tracing;
        builder.ConfigureOpenTelemetry();
        using var host = builder.Build();
        return host.Services.GetService<TracerProvider>();
    }
}
