using System.Collections.Concurrent;

namespace Partnership.EventSourcing;

/// <summary>
/// The state each stream was last seen at by this process, with its version: a command on a stream this process has
/// just written decides without reading the stream again, and a read fetches only the events after that version.
/// Safe without any invalidation because events are immutable and every append states its expected version: a state
/// older than the store's makes the append fail, and the command is decided again on the events read since
/// (<see cref="CommandHandler"/>). Bounded: past <see cref="Capacity"/> streams it starts again empty (a full
/// read each, once), which keeps it simple and its memory bounded.
/// </summary>
internal sealed class DecidedStates
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(string StreamId, Type State), Entry> _entries = new();

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
        if (_entries.Count >= Capacity) _entries.Clear();
        var entry = new Entry(state!, version);
        // Concurrent commands on one stream may finish out of order: keep the newest.
        _entries.AddOrUpdate((streamId, typeof(TState)), entry, (_, seen) => seen.Version > version ? seen : entry);
    }
}
