using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults;

namespace Partnership.Messaging;

/// <summary>
/// Watches the store's delivery: the lag (last committed position − the catch-up's checkpoint, which only passes what
/// was published) and how long the checkpoint has not moved while events wait. Exported as the gauge
/// partnership.messaging.delivery.lag (tag store); /health turns Unhealthy when delivery stalls past
/// Messaging:Delivery:StallAfter (see <see cref="DeliveryHealthCheck"/>).
/// </summary>
public sealed class DeliveryProgress(IServiceProvider services, StreamParking parking, IOptions<IntegrationEventDeliveryOptions> options,
    TimeProvider time) : BackgroundService
{
    private static readonly ConcurrentDictionary<DeliveryProgress, byte> Live = new();

    // One gauge for every store in the process (tests run several hosts), reporting the live ones.
    private static readonly ObservableGauge<long> LagGauge = Telemetry.Meter.CreateObservableGauge(
        "partnership.messaging.delivery.lag",
        () => Live.Keys.Where(p => p.Lag is not null)
            .Select(p => new Measurement<long>(p.Lag!.Value, new KeyValuePair<string, object?>("store", p._store))),
        unit: "{event}", description: "Committed events the catch-up has not yet passed (published or found published)");

    private readonly string _store = parking.Store;
    private long _checkpoint = -1;
    private DateTimeOffset _movedAt;

    public long? Lag { get; private set; }
    public long Head { get; private set; }
    public long Checkpoint => _checkpoint;

    /// <summary>How long events have waited without the checkpoint moving; zero when nothing waits.</summary>
    public TimeSpan Stalled => Lag is > 0 ? time.GetUtcNow() - _movedAt : TimeSpan.Zero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without the daemon (a test proving on-commit delivery alone) there is no catch-up whose lag could be measured.
        ISubscriptionControl control;
        try
        {
            control = (ISubscriptionControl)services.GetService(typeof(ISubscriptionControl))!;
        }
        catch (InvalidOperationException)
        {
            return;
        }
        _ = LagGauge;
        Live[this] = 0;
        _movedAt = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Observe(control, stoppingToken);
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away: the PostgreSQL check says so; the lag is unknown until it returns.
                    Lag = null;
                }
                await Task.Delay(options.Value.MonitorInterval, time, stoppingToken);
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

    private async Task Observe(ISubscriptionControl control, CancellationToken ct)
    {
        var head = await control.Head(ct);
        var checkpoint = await control.Checkpoint(IntegrationEventForwarder.Name, ct);
        var lag = Math.Max(0, head - checkpoint);
        // Time counts from the last move of the checkpoint, or from when events started to wait.
        if (checkpoint != _checkpoint || Lag is null or 0) _movedAt = time.GetUtcNow();
        _checkpoint = checkpoint;
        Head = head;
        Lag = lag;
    }
}
