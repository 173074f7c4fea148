using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.ServiceDefaults;

namespace Partnership.Messaging;

/// <summary>
/// Restarts the bus when its receive side has stopped taking messages: a receive queue held ready messages at every
/// depth read for Messaging:Delivery:StallAfter, this process took none of them, and none of them is in a consumer here
/// (<see cref="ReceiveProgress.StalledIdle"/>). MassTransit's receive side can hang after a broker outage while its own
/// health check stays Healthy (twice in about 100 outages of the fault suite: Billing-Account once, Customer once; its
/// cause not found, the hang not reproducible on demand); before this, /health turned Unhealthy and the messages waited
/// for someone to restart the process. A consumer that is slow or stuck (a database away, retries in place) holds its
/// messages in a consumer and is only reported, never restarted under. After a restart every stretch of waiting starts
/// again, so a second restart comes StallAfter later at the earliest. Messaging:Delivery:RestartStalledReceive=false
/// leaves it to /health alone.
/// </summary>
public sealed class StalledReceiveRestart(IBusControl bus, ReceiveProgress progress, IOptions<IntegrationEventDeliveryOptions> options,
    ILogger<StalledReceiveRestart> logger)
{
    // Bounds each of stop and start: a bus that hangs in either is left for the next look.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Counter<long> RestartCounter = Telemetry.Meter.CreateCounter<long>(
        "partnership.messaging.receive.restarts", unit: "{restart}",
        description: "Restarts of a service's bus because its receive side took no ready message for Messaging:Delivery:StallAfter");

    private int _restarts;

    /// <summary>How many times this process restarted its bus.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Called after each depth read (ErrorQueueMonitor): restarts the bus when its receive side is stuck.</summary>
    public async Task IfStuck(CancellationToken ct)
    {
        if (!options.Value.RestartStalledReceive) return;
        var stuck = progress.StalledIdle(options.Value.StallAfter);
        if (stuck.Count == 0) return;
        logger.LogError("Messages wait in {Queues} and this process has taken none for {Seconds:0} s, with none in a consumer: " +
            "its receive side is stuck; restarting the bus",
            string.Join(", ", stuck.Select(s => $"{s.Queue} ({s.Ready} ready)")), options.Value.StallAfter.TotalSeconds);
        progress.Restarted();
        Interlocked.Increment(ref _restarts);
        RestartCounter.Add(1);
        try
        {
            using (var stop = Limit(ct)) await bus.StopAsync(stop.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Stopping the bus for its restart did not finish; starting it anyway");
        }
        try
        {
            using var start = Limit(ct);
            await bus.StartAsync(start.Token);
            logger.LogWarning("The bus restarted after its receive side stalled");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Restarting the bus failed; /health stays Unhealthy until it receives, the next look tries again");
        }
    }

    private static CancellationTokenSource Limit(CancellationToken ct)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Patience);
        return limit;
    }
}
