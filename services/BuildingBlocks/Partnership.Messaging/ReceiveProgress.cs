using System.Collections.Concurrent;
using MassTransit;

namespace Partnership.Messaging;

/// <summary>A receive queue holding ready messages that this process has not taken from for a while.</summary>
public sealed record StalledQueue(string Queue, long Ready, TimeSpan For);

/// <summary>
/// Whether this process still receives: a queue whose every depth read (ErrorQueueMonitor, every
/// Messaging:Redelivery:ErrorQueuePollInterval) found ready messages for a stretch in which this process took none of
/// them is stalled. MassTransit's receive side can hang after a broker connection drops with messages in flight (once
/// in 39 runs of the fault suite's RabbitMQ outage, Billing-Account never reconnected its receive endpoints) while its
/// own health check stays Healthy and publishing recovers; this is what turns /health Unhealthy then.
/// </summary>
public sealed class ReceiveProgress(TimeProvider clock)
{
    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _taken = new();
    // Per queue: ready messages at the last read, and since when every read found some.
    private readonly ConcurrentDictionary<string, (long Ready, DateTimeOffset Since)> _waiting = new();

    // Per queue: its messages in a consumer here now (one consume each, retries in place included).
    private readonly ConcurrentDictionary<string, int> _inConsumers = new();

    /// <summary>A message of this queue reached a consumer here.</summary>
    public void Taken(string queue) => _taken[queue] = clock.GetUtcNow();

    /// <summary>A consume of a message of this queue began here: taken, and in a consumer until <see cref="Ended"/>.</summary>
    public void Began(string queue)
    {
        Taken(queue);
        _inConsumers.AddOrUpdate(queue, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// A consume of a message of this queue ended here (done or failed). Never below zero: an end whose beginning was not
    /// seen must not let a later consume count as none.
    /// </summary>
    public void Ended(string queue) => _inConsumers.AddOrUpdate(queue, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>The queue's ready messages, as the broker just said.</summary>
    public void Depth(string queue, long ready)
    {
        if (ready <= 0)
        {
            _waiting.TryRemove(queue, out _);
            return;
        }
        var now = clock.GetUtcNow();
        _waiting.AddOrUpdate(queue, (ready, now), (_, earlier) => (ready, earlier.Since));
    }

    /// <summary>
    /// The depths could not be read (the broker away): a stretch of waiting restarts at the next read. With the broker away
    /// the service is Degraded, not Unhealthy; the stall looked for here is the one the broker's answers show.
    /// </summary>
    public void Unknown() => _waiting.Clear();

    /// <summary>The queues that held ready messages all of the last <paramref name="after"/> without one taken here.</summary>
    public IReadOnlyList<StalledQueue> Stalled(TimeSpan after)
    {
        var now = clock.GetUtcNow();
        var stalled = new List<StalledQueue>();
        foreach (var (queue, (ready, since)) in _waiting)
        {
            var moved = new[] { since, _started, _taken.TryGetValue(queue, out var taken) ? taken : DateTimeOffset.MinValue }.Max();
            if (now - moved >= after) stalled.Add(new StalledQueue(queue, ready, now - moved));
        }
        return stalled.OrderBy(s => s.Queue, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The stalled queues none of whose messages is in a consumer here: not a slow consumer holding its messages (a
    /// database away, a consumer stuck), but a receive side that takes nothing at all (<see cref="StalledReceiveRestart"/>).
    /// </summary>
    public IReadOnlyList<StalledQueue> StalledIdle(TimeSpan after) =>
        Stalled(after).Where(s => !_inConsumers.TryGetValue(s.Queue, out var n) || n <= 0).ToList();

    /// <summary>The receive side was restarted: every queue's stretch of waiting starts again at the next read.</summary>
    public void Restarted() => _waiting.Clear();

    // An endpoint hands every message the same input address: its queue name is cut out of it once, not twice a message.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Uri, string> Queues = new();

    /// <summary>The queue a consumed message came from: the last segment of its input address.</summary>
    internal static string QueueOf(ConsumeContext context) =>
        context.ReceiveContext.InputAddress is { } input
            ? Queues.GetValue(input, static uri => uri.AbsolutePath.TrimEnd('/').Split('/')[^1])
            : "";
}
