using Partnership.EventSourcing;

namespace Partnership.Testing;

/// <summary>A store that passes every call to another: a test overrides the one call it watches or breaks.</summary>
public class DelegatingEventStore(IEventStore inner) : IEventStore
{
    public virtual Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct) =>
        inner.AppendToStream(streamId, expected, events, ct);

    public virtual Task<StreamEvents> ReadStream(string streamId, CancellationToken ct) => inner.ReadStream(streamId, ct);

    public virtual Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct) =>
        inner.ReadAllForward(afterPosition, maxCount, ct);
}
