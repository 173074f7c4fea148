using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The services' own tracing setup keeps Marten's daemon upkeep out of the exported traces, and keeps the daemon's
/// real work and everything inside a request. In the infrastructure collection so that no other test's listener
/// records these spans meanwhile.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HousekeepingSpanTests
{
    private static readonly ActivitySource Marten = new("Marten");

    [Fact]
    public async Task Daemon_housekeeping_is_not_exported_by_default_but_daemon_work_is()
    {
        var exported = await Export(housekeepingSpans: null);
        Assert.DoesNotContain("marten.daemon.highwatermark", exported);
        Assert.DoesNotContain("marten.daemon.skipping", exported);
        Assert.Contains("marten.forwarder:All.page.execution", exported);
        Assert.Contains("marten.daemon.highwatermark inside a request", exported);
    }

    [Fact]
    public async Task Housekeeping_spans_come_back_when_configured()
    {
        var exported = await Export(housekeepingSpans: true);
        Assert.Contains("marten.daemon.highwatermark", exported);
    }

    private static async Task<IReadOnlyCollection<string>> Export(bool? housekeepingSpans)
    {
        var builder = Host.CreateApplicationBuilder();
        // As in a service whose spans are collected (Telemetry.Traced).
        builder.Configuration["Telemetry:Tracing"] = "true";
        if (housekeepingSpans is { } on) builder.Configuration["Telemetry:HousekeepingSpans"] = on.ToString();
        builder.ConfigureOpenTelemetry();
        var collector = new Collector();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(collector));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            Marten.StartActivity("marten.daemon.highwatermark")?.Dispose();
            Marten.StartActivity("marten.daemon.skipping")?.Dispose();
            Marten.StartActivity("marten.forwarder:All.page.execution")?.Dispose();
            using (Telemetry.ActivitySource.StartActivity("request", ActivityKind.Server))
                Marten.StartActivity("marten.daemon.highwatermark inside a request")?.Dispose();
            return collector.Names.ToArray();
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class Collector : BaseProcessor<Activity>
    {
        public ConcurrentQueue<string> Names { get; } = new();

        public override void OnEnd(Activity data)
        {
            if (data.Recorded) Names.Enqueue(data.DisplayName);
        }
    }
}
