namespace Partnership.EventSourcing;

/// <summary>A stream whose delivery stopped at an event this build could not deliver, and why.</summary>
public sealed record ParkedStream(string StreamId, long Position, string EventType, string Reason);

/// <summary>
/// Streams whose delivery is parked, kept in the service's own store so a restart (a fixed build) retries them.
/// </summary>
public interface IParkedStreamLog
{
    /// <summary>The store the log belongs to (its schema), for operators.</summary>
    string Store { get; }

    /// <summary>Parks a stream at an event; a stream already parked keeps its first (earliest) position.</summary>
    Task Park(ParkedStream parked, CancellationToken ct);

    Task<IReadOnlyList<ParkedStream>> All(CancellationToken ct);

    /// <summary>Releases a stream whose parked events have now been delivered.</summary>
    Task Release(string streamId, CancellationToken ct);
}
