using Partnership.EventSourcing;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>
/// The event store port's expected-version semantics in memory, for the handlers that read several streams. BeforeAppend
/// lets a test slip a competing writer in between a handler's read and its append.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new();
    private long _position;

    public Action<string>? BeforeAppend { get; set; }

    public void Seed(string streamId, params object[] events) => AppendToStream(streamId, ExpectedVersion.Any, events, CancellationToken.None);

    public Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        var before = BeforeAppend;
        BeforeAppend = null;
        before?.Invoke(streamId);
        lock (_lock)
        {
            var stream = _streams.GetValueOrDefault(streamId) ?? [];
            if (expected != ExpectedVersion.Any && expected.Value != stream.Count)
                throw new WrongExpectedVersionException(streamId, expected);
            foreach (var e in events)
                stream.Add(new RecordedEvent(Guid.NewGuid(), streamId, stream.Count + 1, ++_position, e.GetType().Name, e, DateTimeOffset.UtcNow, null));
            _streams[streamId] = stream;
            return Task.FromResult((long)stream.Count);
        }
    }

    public Task<StreamEvents> ReadStream(string streamId, CancellationToken ct)
    {
        lock (_lock)
        {
            var events = _streams.GetValueOrDefault(streamId)?.ToList() ?? [];
            return Task.FromResult(new StreamEvents(streamId, events.Count, events));
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<RecordedEvent> all = _streams.Values.SelectMany(s => s).Where(e => e.Position > afterPosition)
                .OrderBy(e => e.Position).Take(maxCount).ToList();
            return Task.FromResult(all);
        }
    }

    public IReadOnlyList<object> Events(string streamId)
    {
        lock (_lock) return _streams.GetValueOrDefault(streamId)?.Select(e => e.Data).ToList() ?? [];
    }
}
