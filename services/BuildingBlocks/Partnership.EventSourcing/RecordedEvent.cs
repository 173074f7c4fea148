namespace Partnership.EventSourcing;

/// <summary>An event as the store committed it.</summary>
/// <param name="EventId">Unique per event; becomes the MessageId of what is published from it.</param>
/// <param name="StreamVersion">1-based position within its stream.</param>
/// <param name="Position">Position in the store-wide ordered log; catch-up subscriptions checkpoint on it.</param>
/// <param name="TraceParent">W3C traceparent of the activity that appended it, so the trace continues past the store.</param>
public sealed record RecordedEvent(
    Guid EventId,
    string StreamId,
    long StreamVersion,
    long Position,
    string EventType,
    object Data,
    DateTimeOffset Timestamp,
    string? TraceParent);

/// <summary>All events of one stream, in order; Version is 0 when the stream does not exist.</summary>
public sealed record StreamEvents(string StreamId, long Version, IReadOnlyList<RecordedEvent> Events)
{
    public bool Exists => Version > 0;
}
