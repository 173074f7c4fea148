using System.Collections.Concurrent;

namespace Partnership.EventSourcing;

/// <summary>
/// The state each stream was last seen at by this process, with its version: a command on a stream this process has
/// just written decides without reading the stream again, and a read fetches only the events after that version.
/// Safe without any invalidation because events are immutable and every append states its expected version: a state
/// older than the store's makes the append fail, and the command is decided again on the events read since
/// (<see cref="CommandHandler"/>). One state object serves many commands, which is safe because states are immutable
/// (deciders are pure: Evolve returns a new state). Bounded: past <see cref="Capacity"/> streams it starts again empty (a full
/// read each, once), which keeps it simple and its memory bounded.
/// </summary>
internal sealed class DecidedStates
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(string StreamId, Type State), Entry> _entries = new();
    private int _count;

    public sealed record Entry(object State, long Version);

    public bool TryGet<TState>(string streamId, out TState state, out long version)
    {
        if (_entries.TryGetValue((streamId, typeof(TState)), out var entry))
        {
            (state, version) = ((TState)entry.State, entry.Version);
            return true;
        }
        (state, version) = (default!, 0);
        return false;
    }

    public void Remember<TState>(string streamId, TState state, long version)
    {
        var key = (streamId, typeof(TState));
        var entry = new Entry(state!, version);
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
        // Concurrent commands on one stream may finish out of order: keep the newest.
        _entries.AddOrUpdate(key, entry, (_, seen) => seen.Version > version ? seen : entry);
    }
}
