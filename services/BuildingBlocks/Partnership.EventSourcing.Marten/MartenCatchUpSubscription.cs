using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Runs one <see cref="ICatchUpSubscriber"/> on Marten's async daemon. The daemon stores the checkpoint
/// in mt_event_progression only after this returns, and its high-water mark keeps it from skipping
/// events of transactions that commit out of sequence order.
/// </summary>
public sealed class MartenCatchUpSubscription<TSubscriber> : SubscriptionBase where TSubscriber : ICatchUpSubscriber
{
    private readonly TSubscriber _subscriber;

    public MartenCatchUpSubscription(TSubscriber subscriber)
    {
        _subscriber = subscriber;
        Name = subscriber.SubscriptionName;
        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (page.Events.Count > 0)
            await _subscriber.Handle(page.Events.Select(MartenEventStore.ToRecorded).ToList(), cancellationToken);
        return NullChangeListener.Instance;
    }
}
