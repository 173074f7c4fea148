using System.Diagnostics;

namespace Partnership.EventSourcing.Marten;

/// <summary>One caller's append waiting for the group commit. Its task completes only after the commit that holds it.</summary>
internal sealed class PendingAppend(string streamId, ExpectedVersion expected, object[] events, CancellationToken ct)
{
    private const int Queued = 0, Taken = 1, Cancelled = 2;
    private int _state;

    public string StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
    public object[] Events { get; } = events;
    public CancellationToken CancellationToken { get; } = ct;

    /// <summary>The caller's span: its traceparent goes on each of its events, and the commit runs under it.</summary>
    public Activity? Activity { get; } = Activity.Current;

    public string? TraceParent => Activity?.Id;

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The events as committed, set after the commit; read by the commit listeners.</summary>
    public IReadOnlyList<RecordedEvent>? Recorded { get; set; }

    /// <summary>The writer takes it into a batch; false when the caller gave up first, so it is never written.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>The caller gives up; only while still queued: once taken, the caller waits for the commit's outcome.</summary>
    public void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued) Done.TrySetCanceled(CancellationToken);
    }
}
