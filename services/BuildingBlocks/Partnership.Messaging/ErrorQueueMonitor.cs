using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.ServiceDefaults;

namespace Partnership.Messaging;

/// <summary>
/// The gauge partnership.messaging.error_queue.messages (tag queue): how many messages wait in each of the service's
/// _error queues, read from the broker every Messaging:Redelivery:ErrorQueuePollInterval and at once when this process
/// parks one. An operator alerts on it being above zero. Beside it, partnership.messaging.queue.messages: each receive
/// queue's depth, and partnership.messaging.queue.oldest_age: at most how long its oldest ready message has waited.
/// </summary>
public sealed class ErrorQueueMonitor(ErrorQueueRedriver broker, ReceiveProgress progress, StalledReceiveRestart restart,
    IOptions<RedeliveryOptions> options, ILogger<ErrorQueueMonitor> logger)
    : BackgroundService
{
    private static readonly ConcurrentDictionary<string, long> Depths = new();
    private static readonly ConcurrentDictionary<string, long> Ready = new();
    private static readonly ConcurrentDictionary<ErrorQueueMonitor, byte> Live = new();

    private static readonly ObservableGauge<long> Gauge = Telemetry.Meter.CreateObservableGauge(
        "partnership.messaging.error_queue.messages",
        () => Depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key + "_error"))),
        unit: "{message}", description: "Messages parked in a service's _error queue, waiting for an operator");

    // The depth comes with a passive declare; the oldest message's age is bounded from what this process consumed
    // (QueueAge) rather than peeked at, which would take the message from a consumer for the moment.
    private static readonly ObservableGauge<double> AgeGauge = Telemetry.Meter.CreateObservableGauge(
        "partnership.messaging.queue.oldest_age",
        () => Ready.Select(d => new Measurement<double>(QueueAge.Of(d.Key, d.Value, DateTime.UtcNow).TotalSeconds,
            new KeyValuePair<string, object?>("queue", d.Key))),
        unit: "s", description: "At most how long the oldest ready message of a service's receive queue has waited (0 when none waits)");

    private static readonly ObservableGauge<long> QueueGauge = Telemetry.Meter.CreateObservableGauge(
        "partnership.messaging.queue.messages",
        () => Ready.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key))),
        unit: "{message}", description: "Messages ready in a service's receive queue, not yet consumed");

    /// <summary>Reads between two looks for the _error queues found missing (5 minutes at the default interval).</summary>
    public const int MissingRecheckEvery = 10;

    private readonly SemaphoreSlim _poke = new(0);
    private readonly ErrorQueueLookups _lookups = new(MissingRecheckEvery);

    /// <summary>Counts a message this process just parked, until the next read of the broker.</summary>
    internal static void Parked(string queue)
    {
        Depths.AddOrUpdate(queue, 1, (_, n) => n + 1);
        foreach (var monitor in Live.Keys)
        {
            monitor._lookups.Parked(queue);
            monitor._poke.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = (Gauge, QueueGauge, AgeGauge);
        Live[this] = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var errorDepths = await broker.ErrorQueueDepths(_lookups.ToRead(broker.Queues), stoppingToken);
                    _lookups.Read(errorDepths);
                    foreach (var (queue, count) in errorDepths) Depths[queue] = count ?? 0;
                    foreach (var (queue, count) in await broker.QueueDepths(stoppingToken))
                    {
                        Ready[queue] = count;
                        QueueAge.Depth(queue, count, DateTime.UtcNow);
                        progress.Depth(queue, count);
                    }
                    await restart.IfStuck(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    progress.Unknown();
                    logger.LogDebug(e, "Could not read the _error queue depths");
                }
                await _poke.WaitAsync(options.Value.ErrorQueuePollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Live.TryRemove(this, out _);
        }
    }
}
