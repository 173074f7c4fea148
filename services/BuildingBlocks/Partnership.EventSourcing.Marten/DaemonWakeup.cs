using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Wakes a store's daemon (its high-water agent) when the database sees a commit, and not more often than once per
/// <c>minGap</c>, in place of Marten's own wake-up (UseListenNotifyForEventAppends), which woke every service's daemon
/// for every service's commits as often as they came: under load each ran its high-water detection (four statements)
/// about 40 times a second.
/// <list type="bullet">
/// <item>This process's commits signal at once (<see cref="ICommitListener"/>); the others' (another replica's) arrive
/// through the NOTIFY their group commits send in the transaction (<see cref="NotifySql"/>, so only a commit that
/// happened is told), on the store's own channel (<see cref="ChannelOf"/>): a commit wakes its store's daemons only, not
/// every service's (on Marten's shared channel each commit was delivered to four listeners and woke four processes).
/// A store-only channel was taken back twice after a restart test failed in CI; that test failed on the shared channel
/// too, and the cause was the test's (it counted two copies of one event, see EmailOnceTests), not the channel.</item>
/// <item>A signal is kept until the daemon next waits: a commit made while the daemon was reading is not lost
/// (Marten's own wake-up drops the signals that arrive during a read, and such a commit then waited for the idle poll).</item>
/// <item>For a few seconds after a commit the daemon looks at least every second: a hole in the sequence (a
/// transaction still open, or rolled back) is waited out in that time, not in the idle poll.</item>
/// <item>Under sustained load (a signal already waiting at each of the last <see cref="SustainedWaits"/> waits: commits
/// came faster than the daemon's reads for about a second) the gap widens to <c>busyGap</c>: fewer, larger batches,
/// each running the high-water detection once. The first wait that finds no signal narrows it again, so a read model
/// trails a single flow of commits (a client's onboarding) by the short gap, and by the busy one only under load.</item>
/// <item>Until the listening connection is up, and after it was lost, the daemon looks once: commits elsewhere may
/// have been missed meanwhile. With PostgreSQL away it falls back to the idle poll it was asked for.</item>
/// <item>A process that runs the store's only daemon (<paramref name="onlyDaemon"/>: HotCold, and this process holds
/// the leadership) sends no NOTIFY for its own commits (<see cref="CommitsNeedTelling"/>).</item>
/// </list>
/// </summary>
public sealed class DaemonWakeup(NpgsqlDataSource dataSource, string schema, TimeSpan minGap, ILogger<DaemonWakeup> logger,
    TimeSpan? activeWindow = null, TimeSpan? busyGap = null, bool onlyDaemon = false, TimeSpan? runningMargin = null)
    : IDaemonWakeup, ICommitListener
{
    private readonly string _channel = ChannelOf(schema);

    // The daemon runs here while it waits, and for this long after a wait ends (it reads, then waits again).
    private readonly TimeSpan _runningMargin = runningMargin ?? TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMinutes(10);
    private long _runningUntil;

    /// <summary>Consecutive waits that found a signal already there before the gap widens (at the short gap, about a second).</summary>
    public const int SustainedWaits = 10;

    private readonly TimeSpan _busyGap = busyGap is { } busy && busy > minGap ? busy : minGap;
    private int _busyWaits;

    private static readonly TimeSpan ActivePoll = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _activeWindow = activeWindow ?? TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    // At most one signal waits: many commits between two reads need one read.
    private readonly SemaphoreSlim _signal = new(0, 1);
    // A reader waiting for the daemon (Now): the next read comes at once, past the gap.
    private readonly SemaphoreSlim _urgent = new(0, 1);

    /// <summary>The payload on the store's channel that asks the daemon to read now (<see cref="Now"/>); commits send an empty one.</summary>
    public const string NowPayload = "now";
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task? _listening;
    private long _lastSignal;
    private long _lastWake;
    private int _disposed;

    /// <summary>The channel a store's commits are told on: one per store (schema), so only its own daemons wake.</summary>
    public static string ChannelOf(string schema) => "partnership_events_appended_" + schema;

    /// <summary>Queued in each group commit's transaction: PostgreSQL delivers it when, and only if, the commit succeeds.</summary>
    public static string NotifySql(string schema, string payload = "") => $"select pg_notify('{ChannelOf(schema)}', '{payload}')";

    public void Committed(IReadOnlyList<RecordedEvent> events) => Signal();

    /// <summary>
    /// Whether this process's commits must be told on the store's channel (<see cref="NotifySql"/> in the commit's
    /// transaction). Not while this process runs the store's only daemon (HotCold, and the daemon waited here within the
    /// margin beyond its poll): its own commits wake it directly (<see cref="Committed"/>), and a NOTIFY would only make
    /// PostgreSQL signal every listening backend of the database the services share, each a wake-up on this machine,
    /// with one replica of each service for every commit. Every other process tells: a replica whose daemon does not
    /// run, a Solo daemon's, a store without a daemon. One whose daemon stopped (it lost the leadership) tells again
    /// within the margin beyond the daemon's last poll; until then the new leader finds those commits at its next poll.
    /// </summary>
    public bool CommitsNeedTelling => !onlyDaemon || Stopwatch.GetTimestamp() > Volatile.Read(ref _runningUntil);

    private void Running(TimeSpan forAtLeast) =>
        Volatile.Write(ref _runningUntil, Stopwatch.GetTimestamp() + (long)((forAtLeast + _runningMargin).TotalSeconds * Stopwatch.Frequency));

    /// <summary>
    /// A reader waits for the daemon (<see cref="ReadModels.ReadModelFreshness"/>): it reads now, past its gap. When the
    /// daemon may run in another replica (<see cref="CommitsNeedTelling"/>), that one is asked on the store's channel.
    /// </summary>
    public async Task Now(CancellationToken ct)
    {
        Urgent();
        if (!CommitsNeedTelling) return;
        await using var notify = dataSource.CreateCommand(NotifySql(schema, NowPayload));
        await notify.ExecuteNonQueryAsync(ct);
    }

    private void Urgent()
    {
        Release(_urgent);
        Signal();
    }

    internal void Signal()
    {
        Volatile.Write(ref _lastSignal, Stopwatch.GetTimestamp());
        Release(_signal);
    }

    private static void Release(SemaphoreSlim semaphore)
    {
        if (semaphore.CurrentCount > 0) return;
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Released by another at the same moment: once is enough.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        Running(timeout < LongestPoll ? timeout : LongestPoll);
        try
        {
            await Wait(timeout, token);
        }
        finally
        {
            Running(TimeSpan.Zero);
        }
    }

    private async Task Wait(TimeSpan timeout, CancellationToken token)
    {
        StartListening();
        if (Volatile.Read(ref _lastSignal) is var last and not 0 && Stopwatch.GetElapsedTime(last) < _activeWindow && timeout > ActivePoll)
            timeout = ActivePoll;
        // Only the daemon's loop waits, one wait at a time: the count needs no lock.
        _busyWaits = _signal.CurrentCount > 0 ? _busyWaits + 1 : 0;
        await _signal.WaitAsync(timeout, token);
        // A busy store is read in batches: what commits during the gap is read with this wake-up. A reader waiting for
        // the daemon (Now) ends the gap.
        var gap = Gap;
        if (_urgent.CurrentCount == 0 && _lastWake != 0 && Stopwatch.GetElapsedTime(_lastWake) is var since && since < gap)
            await _urgent.WaitAsync(gap - since, token);
        _urgent.Wait(0);
        _lastWake = Stopwatch.GetTimestamp();
    }

    /// <summary>The least time between two wake-ups now: the busy gap under sustained load, else the short one.</summary>
    public TimeSpan Gap => _busyWaits >= SustainedWaits ? _busyGap : minGap;

    /// <summary>Only a process whose daemon runs (the leader replica) listens: the first wait starts it.</summary>
    private void StartListening()
    {
        if (_listening is not null) return;
        lock (_startLock) _listening ??= Task.Run(() => Listen(_stopping.Token));
    }

    private async Task Listen(CancellationToken ct)
    {
        var retry = TimeSpan.FromSeconds(1);
        var warned = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await PostgresChannel.Listen(dataSource, _channel, payload =>
                {
                    if (payload == NowPayload) Urgent();
                    else Signal();
                }, () =>
                {
                    Signal();
                    (retry, warned) = (TimeSpan.FromSeconds(1), false);
                }, KeepAlive, logger, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!warned) logger.LogWarning(e, "Listening on {Channel} failed; the daemon polls until it listens again", _channel);
                warned = true;
                Signal();
            }
            try
            {
                await Task.Delay(retry, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 10));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        try
        {
            _listening?.Wait(TimeSpan.FromSeconds(3));
        }
        catch (AggregateException)
        {
            // Already logged, or cancelled.
        }
        _stopping.Dispose();
    }
}
