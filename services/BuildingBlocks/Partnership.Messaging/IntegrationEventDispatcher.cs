using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// Publishes committed events as soon as the append returns, without the caller waiting for the broker.
/// Each stream has a lane in this process: its events go out one after another, in order, while other
/// streams publish at the same time, so many publishes are in flight. A failure is logged and left to the
/// catch-up (<see cref="IntegrationEventForwarder"/>); the lane then drops what follows on that stream
/// too, so the catch-up publishes the stream's events in order.
/// </summary>
public sealed class IntegrationEventDispatcher(
    IntegrationEventPublisher publisher, PublishedEventRecorder recorder, StreamParking parking, IOptions<IntegrationEventDeliveryOptions> options,
    ILogger<IntegrationEventDispatcher> logger) : ICommitListener
{
    private const string PathName = "publish";
    private readonly Dictionary<string, Task<bool>> _lanes = new();
    // Events handed over and not yet published or given up: the catch-up in this process waits for them
    // rather than publish them a second time (at start-up the bus may take longer than the grace period).
    private readonly ConcurrentDictionary<Guid, Task<bool>> _inFlight = new();

    public void Committed(IReadOnlyList<RecordedEvent> events)
    {
        if (!options.Value.OnCommit) return;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var batch = stream.ToList();
            lock (_lanes)
            {
                var previous = _lanes.GetValueOrDefault(stream.Key) ?? Task.FromResult(true);
                Task<bool> next;
                // The lane must not carry the caller's context (its request activity, its scope) along.
                using (ExecutionContext.SuppressFlow()) next = Task.Run(() => PublishAfter(previous, batch));
                _lanes[stream.Key] = next;
                foreach (var recorded in batch) _inFlight[recorded.EventId] = next;
                next.ContinueWith(done => Retire(stream.Key, batch, done), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Completes when this process has published or given up every one of these events it was handed.</summary>
    public Task Settled(IEnumerable<Guid> eventIds) =>
        Task.WhenAll(eventIds.Select(id => _inFlight.TryGetValue(id, out var lane) ? lane : null).OfType<Task<bool>>().Distinct());

    private async Task<bool> PublishAfter(Task<bool> previous, List<RecordedEvent> batch)
    {
        if (!await previous) return false;
        foreach (var recorded in batch)
        {
            // A parked stream publishes nothing more until a build that can deliver it starts (its order would break).
            if (parking.IsParked(recorded.StreamId)) return false;
            object? message;
            try
            {
                message = publisher.Map(recorded);
            }
            catch (Exception e)
            {
                parking.ParkHere(new ParkedStream(recorded.StreamId, recorded.Position, recorded.EventType, $"mapping failed: {e.Message}"));
                return false;
            }
            if (message is null) continue;
            try
            {
                await publisher.Publish(recorded, message, PathName, CancellationToken.None);
                recorder.Published(recorded);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Publishing {EventId} of {StreamId} on commit failed; the catch-up will publish it",
                    recorded.EventId, recorded.StreamId);
                return false;
            }
        }
        return true;
    }

    private void Retire(string streamId, List<RecordedEvent> batch, Task<bool> done)
    {
        foreach (var recorded in batch) _inFlight.TryRemove(new KeyValuePair<Guid, Task<bool>>(recorded.EventId, done));
        lock (_lanes)
            if (_lanes.TryGetValue(streamId, out var tail) && tail == done) _lanes.Remove(streamId);
    }
}
