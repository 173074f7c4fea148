using Partnership.EventSourcing;

namespace Partnership.Messaging.CatchUp;

/// <summary>
/// Wakes caught-up subscribers when this process commits, and says how far it has committed, so a subscriber knows
/// to look again shortly while the settled position has not reached it yet.
/// </summary>
public sealed class CommitPulse : ICommitListener
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastCommitted;

    public long LastCommitted => Interlocked.Read(ref _lastCommitted);

    /// <summary>Completes at the next commit in this process (take it before reading).</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Committed(IReadOnlyList<RecordedEvent> events)
    {
        var last = events.Max(e => e.Position);
        long seen;
        while ((seen = Interlocked.Read(ref _lastCommitted)) < last && Interlocked.CompareExchange(ref _lastCommitted, last, seen) != seen)
        {
        }
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
