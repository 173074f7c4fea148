using System.Collections.Concurrent;

namespace Partnership.Messaging;

/// <summary>
/// Which _error queues a depth read of <see cref="ErrorQueueMonitor"/> asks the broker for. MassTransit declares a queue's
/// _error queue at the first message it parks, so most never exist, and asking for one that does not (a passive
/// declare) makes the broker close the channel that asked and log an error. Asking for every one at every read cost an
/// idle system a new channel per missing queue per service every 30 s, the largest part of what the services sent the
/// broker while idle, and filled its log with errors (18,504 lines in 8 hours of test runs). A queue found missing is
/// asked for again at once when this process parks a message into it (MassTransit has just declared it), and at every
/// <c>recheckEvery</c>-th read otherwise: another replica may have parked one.
/// </summary>
public sealed class ErrorQueueLookups(int recheckEvery)
{
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _parked = new(StringComparer.Ordinal);
    private int _reads;

    /// <summary>The queues (receive queue names, without the suffix) whose _error queue this read asks for.</summary>
    public IReadOnlyList<string> ToRead(IReadOnlyList<string> queues)
    {
        foreach (var queue in _parked.Keys)
        {
            _parked.TryRemove(queue, out _);
            _missing.Remove(queue);
        }
        var all = _reads++ % Math.Max(1, recheckEvery) == 0;
        return all ? queues : queues.Where(q => !_missing.Contains(q)).ToList();
    }

    /// <summary>What the broker said: a depth, or null for an _error queue that does not exist.</summary>
    public void Read(IReadOnlyDictionary<string, long?> depths)
    {
        foreach (var (queue, depth) in depths)
        {
            if (depth is null) _missing.Add(queue);
            else _missing.Remove(queue);
        }
    }

    /// <summary>This process parked a message in the queue's _error queue: it exists now.</summary>
    public void Parked(string queue) => _parked[queue] = 0;
}
