using Microsoft.Extensions.Options;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// The safety net behind <see cref="IntegrationEventDispatcher"/>: a checkpointed catch-up subscription that
/// publishes what the on-commit path left behind (a crash between commit and publish, a broker outage).
/// It looks at an event only once the grace period has passed, skips what the published-event log says
/// went out on commit, and forgets those records once past them. A crash before the checkpoint publishes
/// again: at least once, never lost. An event it cannot deliver (an unknown type, a mapping that throws) parks its
/// stream (<see cref="StreamParking"/>): nothing is skipped silently, and other streams go on.
/// </summary>
public sealed class IntegrationEventForwarder(
    IntegrationEventPublisher publisher, IntegrationEventDispatcher dispatcher, PublishedEventRecorder recorder,
    IPublishedEventLog published, StreamParking parking, EventTypeRegistry eventTypes, IOptions<IntegrationEventDeliveryOptions> options,
    TimeProvider time) : ICatchUpSubscriber
{
    public const string Name = "integration-forwarder";
    private const string PathName = "catch-up";
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    public string SubscriptionName => Name;

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var settings = options.Value;
        // Streams parked by an earlier run are retried first, so their events keep their order.
        await parking.Resumed.WaitAsync(ct);
        var wait = events.Max(e => e.Timestamp) + settings.CatchUpGrace - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);

        // What this process is still publishing on commit (a bus slow to start, a slow broker) is waited for, not
        // published beside it; a dispatch that never settles is given up on after a while, as after a crash.
        await Task.WhenAny(dispatcher.Settled(events.Select(e => e.EventId)), Task.Delay(SettleLimit, time, ct));
        // Asked of the store for every batch, even when this process published every event of it: the question is also
        // what holds the catch-up in its own retries while the store is away. Answering from memory instead (tried, see
        // the README's Delivery section) made the fault suite's wave finish 6-11 s later after a 20 s outage.
        var alreadyOut = await published.Published(events.Select(e => e.EventId).ToList(), ct);
        alreadyOut = alreadyOut.Union(events.Select(e => e.EventId).Where(recorder.AwaitsRecord)).ToHashSet();
        // Streams publish concurrently (one awaited publish at a time is 5-10x slower here); events of
        // one stream stay in order, which is what keeps each customer's events in causal order.
        await Task.WhenAll(events.Where(e => !alreadyOut.Contains(e.EventId))
            .GroupBy(e => e.StreamId)
            .Select(stream => PublishInOrder(stream.Key, stream, ct)));
        // Forgotten with the recorder's next insert, in its transaction, instead of a commit of its own per batch.
        recorder.Forget(events[^1].Position, settings.RecordRetention);
    }

    private async Task PublishInOrder(string streamId, IEnumerable<RecordedEvent> stream, CancellationToken ct)
    {
        if (parking.IsParked(streamId))
        {
            // Parked on commit in this process, or earlier in this run: kept in the store so the next start retries it.
            await parking.EnsurePersisted(streamId, ct);
            return;
        }
        foreach (var recorded in stream)
        {
            var (message, parked) = Mapped(recorded);
            if (parked is not null)
            {
                await parking.Park(parked, ct);
                return;
            }
            if (message is not null) await publisher.Publish(recorded, message, PathName, ct);
        }
    }

    /// <summary>The message to publish (null: the event stays private), or why the stream must park on it.</summary>
    private (object? Message, ParkedStream? Parked) Mapped(RecordedEvent recorded)
    {
        if (recorded.Data is UnreadableEvent unreadable)
            return (null, new ParkedStream(recorded.StreamId, recorded.Position, unreadable.StoredType, unreadable.Why));
        // Read through a CLR type the build has but does not register as an event: not knowingly delivered either.
        if (!eventTypes.Names.ContainsKey(recorded.Data.GetType()))
            return (null, new ParkedStream(recorded.StreamId, recorded.Position, recorded.EventType, "this build does not know its event type"));
        try
        {
            return (publisher.Map(recorded), null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return (null, new ParkedStream(recorded.StreamId, recorded.Position, recorded.EventType, $"mapping failed: {e.Message}"));
        }
    }
}
