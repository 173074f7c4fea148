using System.Collections.Concurrent;

namespace Partnership.Messaging;

/// <summary>The service's receive queues (one per consumer endpoint), for re-drive and the _error queue metric.</summary>
public sealed class ReceiveQueues
{
    private readonly ConcurrentDictionary<string, byte> _names = new();

    public IReadOnlyList<string> Names => _names.Keys.Order().ToList();

    internal void Add(string name) => _names[name] = 0;
}
