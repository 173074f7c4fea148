namespace Partnership.EventSourcing.Marten;

/// <summary>
/// How often a catch-up subscription takes a batch. The catch-ups are safety nets (the forwarder publishes what a crash
/// left unpublished; Billing-Account's copy what a crash left uncopied): the normal path has done their work already.
/// The daemon wakes every 100 ms to 1 s under load for the read models, and each wake-up handed every catch-up a batch of
/// its own: one event read, one checkpoint (and the forwarder's question to the published-event log) per batch, ten
/// a second per catch-up, six catch-ups across the services: 1.4 PostgreSQL transactions per onboarding in the benchmark.
/// <list type="bullet">
/// <item>A catch-up holds its batch after taking it until <c>gap</c> has passed since the previous batch ended; the
/// daemon loads nothing more for it meanwhile (one range in flight), so the next batch is everything committed during
/// the hold: about one batch per gap under load.</item>
/// <item>A single commit after a quiet spell is taken, and its checkpoint stored, at once: the hold starts only
/// when batches follow each other within the gap.</item>
/// <item>A full batch (more is waiting: a restart's backlog) is never held.</item>
/// <item>The forwarder's grace period (Messaging:Delivery:CatchUpGrace, 3 s) already holds each of its batches; with
/// one range in flight its next batch is everything committed during that wait, not the next wake-up's.</item>
/// <item>The hold comes after the subscriber took the events: what a crash left behind is still published as soon
/// as the daemon reads it; only the checkpoint waits (a crash during the hold hands the batch again, which the
/// subscribers take as a no-op).</item>
/// </list>
/// </summary>
public sealed class CatchUpPacing(TimeSpan gap, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long? _lastEnd;

    /// <summary>The default gap (<c>EventStore:CatchUpGapMilliseconds</c>).</summary>
    public static readonly TimeSpan DefaultGap = TimeSpan.FromSeconds(1);

    /// <summary>How long to hold a batch just taken before its checkpoint is stored.</summary>
    public TimeSpan HoldFor(long batchSize, long batchLimit)
    {
        if (_lastEnd is not { } last || batchSize >= batchLimit) return TimeSpan.Zero;
        var since = _time.GetElapsedTime(last);
        return since < gap ? gap - since : TimeSpan.Zero;
    }

    /// <summary>A batch ended (its hold, if any, is over).</summary>
    public void Ended() => _lastEnd = _time.GetTimestamp();
}
