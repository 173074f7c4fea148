using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten;

/// <summary>How long a catch-up holds a batch under load (<see cref="CatchUpPacing"/>; EventStore:CatchUpGapMilliseconds).</summary>
public sealed record CatchUpGap(TimeSpan Value);

/// <summary>
/// Runs one <see cref="ICatchUpSubscriber"/> on Marten's async daemon. The daemon stores the checkpoint
/// in mt_event_progression only after this returns, and its high-water mark keeps it from skipping
/// events of transactions that commit out of sequence order.
/// </summary>
public sealed class MartenCatchUpSubscription<TSubscriber> : SubscriptionBase where TSubscriber : ICatchUpSubscriber
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);
    private readonly TSubscriber _subscriber;
    private readonly IServiceProvider _services;
    private readonly CatchUpPacing _pacing;

    public MartenCatchUpSubscription(TSubscriber subscriber, IServiceProvider services)
    {
        _subscriber = subscriber;
        _services = services;
        Name = subscriber.SubscriptionName;
        Options.BatchSize = 1000;
        // One range in flight: while a batch is held (CatchUpPacing), the daemon loads nothing more for this
        // subscription, and its next load takes everything committed meanwhile. By default it would keep loading a
        // range per wake-up and queue them.
        Options.MaximumHopperSize = 1;
        // The machine's clock, not the service's TimeProvider: this paces reads, and a test's fake clock must not stall them.
        _pacing = new CatchUpPacing(services.GetService<CatchUpGap>()?.Value ?? CatchUpPacing.DefaultGap);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var events = page.Events.Where(e => !MartenEventStore.IsTombstone(e)).Select(MartenEventStore.ToRecorded).ToList();
        // The daemon leaves out, with only a log line, events it cannot read (an unknown type, data that does not
        // deserialize). They are handed over as UnreadableEvent, so the subscriber can stop on them loudly.
        if (events.Count < page.SequenceCeiling - page.SequenceFloor)
            events = await WithUnreadable(events, page.SequenceFloor, page.SequenceCeiling, cancellationToken);
        if (events.Count > 0) await HandleUntilTaken(events, cancellationToken);
        if (_pacing.HoldFor(page.SequenceCeiling - page.SequenceFloor, Options.BatchSize) is var hold && hold > TimeSpan.Zero)
            await Task.Delay(hold, cancellationToken);
        _pacing.Ended();
        return NullChangeListener.Instance;
    }

    // A catch-up never moves past events its subscriber has not taken: a failure (a broker that did not confirm, a
    // store that is away) hands the same events again after a pause, for as long as it takes; the checkpoint, and so
    // the delivery-lag gauge and stall check, wait meanwhile. Only shutdown ends the wait, before the checkpoint moves.
    private async Task HandleUntilTaken(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _subscriber.Handle(events, ct);
                // After a failure, its end is worth a line too: an outage's log then says when delivery resumed.
                if (attempt > 1)
                    _services.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()).LogInformation(
                        "Catch-up {Subscription} took positions {From}..{To} at attempt {Attempt}", Name, events[0].Position, events[^1].Position, attempt);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _services.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()).LogWarning(e,
                    "Catch-up {Subscription} failed on positions {From}..{To} (attempt {Attempt}); handing them again in {Pause}",
                    Name, events[0].Position, events[^1].Position, attempt, pause);
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private async Task<List<RecordedEvent>> WithUnreadable(List<RecordedEvent> read, long floor, long ceiling, CancellationToken ct)
    {
        // Resolved here, not in the constructor: the store is still being built when the daemon's subscriptions are.
        var store = _services.GetRequiredService<IDocumentStore>();
        var unreadable = await UnreadableEvents.Between(store, _services.GetRequiredService<EventTypeRegistry>(), floor, ceiling,
            read.Select(e => e.Position).ToHashSet(), ct);
        return unreadable.Count == 0 ? read : read.Concat(unreadable).OrderBy(e => e.Position).ToList();
    }
}
