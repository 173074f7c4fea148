using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// The in-process half of <see cref="IStreamChangeFeed"/>: this process's commits wake its followers at once and are
/// queued for <see cref="StreamChangeNotifications"/> to NOTIFY the other replicas; their NOTIFYs come back through
/// <see cref="Signal"/>. A stream's waiter stays until its next change (or a reconnect), so abandoned watches cost one
/// entry each until then.
/// </summary>
public sealed class StreamChangeFeed(Func<string, bool> followed) : IStreamChangeFeed, ICommitListener
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    // Bounded: with PostgreSQL away the oldest wake-ups are dropped, and followers' interval reads cover them.
    internal Channel<string> Outgoing { get; } = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public Task NextChange(string streamId) =>
        _waiters.GetOrAdd(streamId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Committed(IReadOnlyList<RecordedEvent> events)
    {
        foreach (var streamId in events.Select(e => e.StreamId).Distinct())
        {
            if (!followed(streamId)) continue;
            Signal(streamId);
            Outgoing.Writer.TryWrite(streamId);
        }
    }

    public void Signal(string streamId)
    {
        if (_waiters.TryRemove(streamId, out var waiter)) waiter.TrySetResult();
    }

    /// <summary>Every follower reads again: notifications may have been missed (the listening connection was lost).</summary>
    public void SignalAll()
    {
        foreach (var streamId in _waiters.Keys) Signal(streamId);
    }
}
