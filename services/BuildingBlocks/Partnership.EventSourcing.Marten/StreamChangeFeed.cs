using System.Collections.Concurrent;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// The in-process half of <see cref="IStreamChangeFeed"/>: this process's commits wake its followers at once, and each
/// group commit NOTIFYs the other replicas in its own transaction (<see cref="ICommitNotice"/>: one NOTIFY per followed
/// stream on <paramref name="channel"/>, no transaction of its own; until 2026-12-05 a separate statement after the
/// commit sent them); their NOTIFYs come back through <see cref="Signal"/> (<see cref="StreamChangeNotifications"/>).
/// A stream's waiter stays until its next change (or a reconnect), so abandoned watches cost one entry each until then.
/// </summary>
public sealed class StreamChangeFeed(string channel, Func<string, bool> followed) : IStreamChangeFeed, ICommitListener, ICommitNotice
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    public string Channel => channel;

    public Task NextChange(string streamId) =>
        _waiters.GetOrAdd(streamId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Committed(IReadOnlyList<RecordedEvent> events)
    {
        foreach (var streamId in events.Select(e => e.StreamId).Distinct())
            if (followed(streamId)) Signal(streamId);
    }

    // A batch's append that fails its version check is told too: its followers read, find nothing new, and wait again.
    public (string Channel, string[] Payloads)? For(IEnumerable<string> streamIds) =>
        streamIds.Where(followed).Distinct(StringComparer.Ordinal).ToArray() is { Length: > 0 } told ? (channel, told) : null;

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
