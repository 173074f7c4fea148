using System.Collections.Concurrent;

namespace Partnership.EventSourcing;

/// <summary>
/// The state each stream was last seen at by this process, with its version: a command on a stream this process has
/// just written decides without reading the stream again, and a read fetches only the events after that version.
/// Safe without any invalidation because events are immutable and every append states its expected version: a state
/// older than the store's makes the append fail, and the command is decided again on the events read since
/// (<see cref="CommandHandler"/>). One state object serves many commands, which is safe because states are immutable
/// (deciders are pure: Evolve returns a new state). Bounded: past <see cref="Capacity"/> streams it starts again empty (a full
/// read each, once), which keeps it simple and its memory bounded. Each state carries when it was last known to be the
/// stream's (a timestamp of the <see cref="TimeProvider"/>), for readers that may reuse a recent one without reading.
/// </summary>
internal sealed class DecidedStates
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(string StreamId, Type State), Entry> _entries = new();
    private int _count;

    public sealed record Entry(object State, long Version, long SeenAt);

    public bool TryGet<TState>(string streamId, out TState state, out long version, out long seenAt)
    {
        if (_entries.TryGetValue((streamId, typeof(TState)), out var entry))
        {
            (state, version, seenAt) = ((TState)entry.State, entry.Version, entry.SeenAt);
            return true;
        }
        (state, version, seenAt) = (default!, 0, 0);
        return false;
    }

    /// <param name="seenAt">A moment at which the stream was at <paramref name="version"/> or below it (taken before the
    /// read or append that found it there).</param>
    public void Remember<TState>(string streamId, TState state, long version, long seenAt)
    {
        var key = (streamId, typeof(TState));
        var entry = new Entry(state!, version, seenAt);
        if (_entries.TryAdd(key, entry))
        {
            // Counted here, not with _entries.Count, which takes every lock of the dictionary. Approximate under races.
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _count, 0);
            }
            return;
        }
        // Concurrent commands on one stream may finish out of order: keep the newest (a read that found the same version
        // again moves its time on).
        _entries.AddOrUpdate(key, entry, (_, seen) => seen.Version > version || seen.Version == version && seen.SeenAt > seenAt ? seen : entry);
    }
}
