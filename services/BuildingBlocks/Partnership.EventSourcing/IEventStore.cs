namespace Partnership.EventSourcing;

/// <summary>The event store port. Every append states the version it expects.</summary>
public interface IEventStore
{
    /// <summary>Appends atomically; returns the stream's new version.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at <paramref name="expected"/>.</exception>
    Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct);

    Task<StreamEvents> ReadStream(string streamId, CancellationToken ct);

    /// <summary>
    /// The stream's events after <paramref name="afterVersion"/> (all of them after 0); Version is the stream's version,
    /// <paramref name="afterVersion"/> when nothing followed.
    /// </summary>
    async Task<StreamEvents> ReadStreamAfter(string streamId, long afterVersion, CancellationToken ct)
    {
        var stream = await ReadStream(streamId, ct);
        return stream with { Events = stream.Events.Where(e => e.StreamVersion > afterVersion).ToList() };
    }

    /// <summary>Reads the store-wide log forward from just after <paramref name="afterPosition"/>.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct);
}
