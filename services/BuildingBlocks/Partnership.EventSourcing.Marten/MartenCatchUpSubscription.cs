using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Runs one <see cref="ICatchUpSubscriber"/> on Marten's async daemon. The daemon stores the checkpoint
/// in mt_event_progression only after this returns, and its high-water mark keeps it from skipping
/// events of transactions that commit out of sequence order.
/// </summary>
public sealed class MartenCatchUpSubscription<TSubscriber> : SubscriptionBase where TSubscriber : ICatchUpSubscriber
{
    private readonly TSubscriber _subscriber;
    private readonly IServiceProvider _services;

    public MartenCatchUpSubscription(TSubscriber subscriber, IServiceProvider services)
    {
        _subscriber = subscriber;
        _services = services;
        Name = subscriber.SubscriptionName;
        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var events = page.Events.Select(MartenEventStore.ToRecorded).ToList();
        // The daemon leaves out, with only a log line, events it cannot read (an unknown type, data that does not
        // deserialize). They are handed over as UnreadableEvent, so the subscriber can stop on them loudly.
        if (events.Count < page.SequenceCeiling - page.SequenceFloor)
            events = await WithUnreadable(events, page.SequenceFloor, page.SequenceCeiling, cancellationToken);
        if (events.Count > 0) await _subscriber.Handle(events, cancellationToken);
        return NullChangeListener.Instance;
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
