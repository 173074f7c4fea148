using Partnership.EventSourcing;

namespace Partnership.Testing;

/// <summary>
/// The event store port's expected-version semantics in memory, for handler tests that need no PostgreSQL.
/// It records what a handler read and appended; BeforeAppend lets a test slip a competing writer in between
/// a handler's read and its append.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new();
    private long _position;

    public Action<string>? BeforeAppend { get; set; }
    public List<(string StreamId, ExpectedVersion Expected, IReadOnlyList<object> Events)> Appends { get; } = [];
    public List<string> Reads { get; } = [];

    /// <summary>Writes events as given state; not counted in <see cref="Appends"/>.</summary>
    public void Seed(string streamId, params object[] events)
    {
        lock (_lock) Write(streamId, events);
    }

    public Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        var before = BeforeAppend;
        BeforeAppend = null;
        before?.Invoke(streamId);
        lock (_lock)
        {
            var version = _streams.GetValueOrDefault(streamId)?.Count ?? 0;
            if (expected != ExpectedVersion.Any && expected.Value != version)
                throw new WrongExpectedVersionException(streamId, expected);
            Appends.Add((streamId, expected, events));
            return Task.FromResult(Write(streamId, events));
        }
    }

    public Task<StreamEvents> ReadStream(string streamId, CancellationToken ct)
    {
        lock (_lock)
        {
            Reads.Add(streamId);
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

    private long Write(string streamId, IEnumerable<object> events)
    {
        var stream = _streams.TryGetValue(streamId, out var s) ? s : _streams[streamId] = [];
        foreach (var e in events)
            stream.Add(new RecordedEvent(Guid.NewGuid(), streamId, stream.Count + 1, ++_position, e.GetType().Name, e, DateTimeOffset.UtcNow, null));
        return stream.Count;
    }
}
