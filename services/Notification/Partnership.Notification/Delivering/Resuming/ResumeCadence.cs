using Partnership.EventSourcing;

namespace Partnership.Notification.Delivering.Resuming;

/// <summary>
/// How long the resumer waits between rounds. Every <c>ResumePeriod</c> while anything may be owed: a round found an
/// email pending (an intent not yet handed over, or a retry, due or not), or this process committed in the last
/// <see cref="QuietAfter"/> (its read model may not show that commit yet). Otherwise the system is quiet, and a round
/// every <c>ResumeIdlePeriod</c> is enough: what this process commits wakes the resumer at once, and another instance's
/// pending emails are its own resumer's while it lives and show up here at the next quiet round when it does not.
/// A commit listener, so it costs the commit path a timestamp and a task swap.
/// </summary>
public sealed class ResumeCadence(TimeSpan activePeriod, TimeSpan idlePeriod, TimeProvider clock) : ICommitListener
{
    /// <summary>Longer than the read model's lag behind a commit, so a round sees what woke it.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(5);

    private long _activeAtTicks = clock.GetUtcNow().UtcTicks;
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Committed(IReadOnlyList<RecordedEvent> events)
    {
        Active();
        Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Something may be owed: rounds come every active period for at least <see cref="QuietAfter"/>.</summary>
    public void Active() => Interlocked.Exchange(ref _activeAtTicks, clock.GetUtcNow().UtcTicks);

    public bool Quiet => clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _activeAtTicks) >= QuietAfter.Ticks;

    /// <summary>The wait before the next round; false once <paramref name="ct"/> is cancelled.</summary>
    public async Task<bool> WaitForNextRound(CancellationToken ct)
    {
        try
        {
            if (!Quiet)
            {
                await Task.Delay(activePeriod, clock, ct);
                return true;
            }
            // Taken after the check: a commit from here on ends the wait (one just before it made the system not quiet).
            var committed = Volatile.Read(ref _committed).Task;
            if (!Quiet) return true;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(idlePeriod, clock, idle.Token);
            await Task.WhenAny(committed, delay);
            await idle.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
