using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// At start, retries each stream parked by an earlier run: reads it from the parked event on and publishes it in
/// order. A build that can now deliver every event releases the stream; one that still cannot keeps it parked
/// (and /health Unhealthy). Waits for the database if it is not there yet.
/// </summary>
public sealed class ParkedStreamResumer(
    StreamParking parking, IParkedStreamLog log, IEventStore store, IntegrationEventPublisher publisher, ILogger<ParkedStreamResumer> logger)
    : BackgroundService
{
    private const string PathName = "resume";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parked = await DatabaseWait.Until(log.All, logger, "read the parked streams", stoppingToken);
        // Parked here first, so the on-commit path publishes nothing on them while they are retried.
        foreach (var stream in parked) parking.StillParked(stream);
        foreach (var stream in parked)
        {
            try
            {
                if (await Deliver(stream, stoppingToken) is { } still) parking.StillParked(still);
                else
                {
                    await log.Release(stream.StreamId, stoppingToken);
                    parking.Released(stream.StreamId);
                    logger.LogWarning("Stream {StreamId} in store {Store}, parked at position {Position}, is delivered and released",
                        stream.StreamId, log.Store, stream.Position);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                parking.StillParked(stream with { Reason = $"retry at start failed: {e.Message}" });
                logger.LogError(e, "Retrying parked stream {StreamId} failed; it stays parked", stream.StreamId);
            }
        }
        parking.MarkResumed();
    }

    /// <summary>Publishes the stream from the parked event on; returns why it is still parked, or null when done.</summary>
    private async Task<ParkedStream?> Deliver(ParkedStream parked, CancellationToken ct)
    {
        var events = (await store.ReadStream(parked.StreamId, ct)).Events.Where(e => e.Position >= parked.Position).ToList();
        // Reading the stream leaves out what this build cannot read: the parked event must be the first one read.
        if (events.Count == 0 || events[0].Position != parked.Position)
            return parked with { Reason = "this build still cannot read the event" };
        var messages = new List<(RecordedEvent Recorded, object Message)>();
        foreach (var recorded in events)
        {
            if (recorded.Data is UnreadableEvent u) return parked with { Position = recorded.Position, EventType = u.StoredType, Reason = u.Why };
            object? message;
            try
            {
                message = publisher.Map(recorded);
            }
            catch (Exception e)
            {
                return parked with { Position = recorded.Position, EventType = recorded.EventType, Reason = $"mapping failed: {e.Message}" };
            }
            if (message is not null) messages.Add((recorded, message));
        }
        foreach (var (recorded, message) in messages) await publisher.Publish(recorded, message, PathName, ct);
        return null;
    }
}
