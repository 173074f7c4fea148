using Microsoft.Extensions.Options;
using Partnership.EventSourcing;

namespace Partnership.ServiceDefaults.Messaging;

/// <summary>
/// The safety net behind <see cref="IntegrationEventDispatcher"/>: a checkpointed catch-up subscription that
/// publishes what the on-commit path left behind (a crash between commit and publish, a broker outage).
/// It looks at an event only once the grace period has passed, skips what the published-event log says
/// went out on commit, and forgets those records once past them. A crash before the checkpoint publishes
/// again: at least once, never lost.
/// </summary>
public sealed class IntegrationEventForwarder(
    IntegrationEventPublisher publisher, IntegrationEventDispatcher dispatcher, PublishedEventRecorder recorder,
    IPublishedEventLog published, IOptions<IntegrationEventDeliveryOptions> options, TimeProvider time) : ICatchUpSubscriber
{
    public const string Name = "integration-forwarder";
    private const string PathName = "catch-up";
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    public string SubscriptionName => Name;

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var settings = options.Value;
        var wait = events.Max(e => e.Timestamp) + settings.CatchUpGrace - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);

        // What this process is still publishing on commit (a bus slow to start, a slow broker) is waited for, not
        // published beside it; a dispatch that never settles is given up on after a while, as after a crash.
        await Task.WhenAny(dispatcher.Settled(events.Select(e => e.EventId)), Task.Delay(SettleLimit, time, ct));
        var alreadyOut = await published.Published(events.Select(e => e.EventId).ToList(), ct);
        alreadyOut = alreadyOut.Union(events.Select(e => e.EventId).Where(recorder.AwaitsRecord)).ToHashSet();
        // Streams publish concurrently (one awaited publish at a time is 5-10x slower here); events of
        // one stream stay in order, which is what keeps each customer's events in causal order.
        await Task.WhenAll(events.Where(e => !alreadyOut.Contains(e.EventId))
            .GroupBy(e => e.StreamId)
            .Select(async stream =>
            {
                foreach (var recorded in stream)
                    if (publisher.Map(recorded) is { } message) await publisher.Publish(recorded, message, PathName, ct);
            }));
        await published.Forget(events[^1].Position, settings.RecordRetention, ct);
    }
}
