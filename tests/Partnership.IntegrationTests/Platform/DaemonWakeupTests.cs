using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The store daemon's wake-up on a real PostgreSQL: another process's commit wakes it through the store's channel (and
/// another store's commits do not),
/// a commit made while the daemon was reading is not lost, a busy daemon is woken at most once per gap (a wider one
/// under sustained load), and a store
/// that just committed is looked at every second for a while (a hole in the sequence is not left to the idle poll).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DaemonWakeupTests(TestInfrastructure infra)
{
    private const string Schema = "wake";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    // Shorter than the services' 5 s, so the tests need not wait long for a store to count as idle.
    private static readonly TimeSpan ActiveWindow = TimeSpan.FromSeconds(1.5);
    // Longer than any test waits for a wake-up: only a reader asking for the daemon (Now) ends it.
    private static readonly TimeSpan LongGap = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Another_processes_commit_wakes_the_daemon_through_the_channel()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        await SettleAfterListening(wakeup);

        var clock = Stopwatch.StartNew();
        var waiting = Task.Run(() => wakeup.WaitAsync(Long, default));
        await using (var command = dataSource.CreateCommand(DaemonWakeup.NotifySql(Schema))) await command.ExecuteNonQueryAsync();
        await waiting;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"woken after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Another_stores_commits_do_not_wake_the_daemon()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        await SettleAfterListening(wakeup);

        var poll = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        var waiting = Task.Run(() => wakeup.WaitAsync(poll, default));
        await using (var command = dataSource.CreateCommand(DaemonWakeup.NotifySql("another"))) await command.ExecuteNonQueryAsync();
        await waiting;
        Assert.True(clock.Elapsed >= poll * 0.9, $"woken after {clock.Elapsed.TotalMilliseconds:F0} ms by another store's commit");
    }

    [Fact]
    public async Task A_commit_made_while_the_daemon_reads_wakes_its_next_wait_at_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        await SettleAfterListening(wakeup);

        // The daemon is reading (not waiting) when this process commits.
        wakeup.Committed([]);
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(Long, default);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"woken after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_busy_store_wakes_its_daemon_at_most_once_per_gap()
    {
        var gap = TimeSpan.FromMilliseconds(400);
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, gap, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        await SettleAfterListening(wakeup);

        wakeup.Committed([]);
        await wakeup.WaitAsync(Long, default);
        wakeup.Committed([]);
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(Long, default);
        Assert.True(clock.Elapsed >= gap * 0.9, $"woken again after {clock.Elapsed.TotalMilliseconds:F0} ms; the gap is {gap.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_reader_waiting_for_the_daemon_ends_its_gap()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, LongGap, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        var waiting = await CommitWaitingOutTheGap(wakeup);

        await wakeup.Now(default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_reader_on_another_replica_ends_the_gap_through_the_channel()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var leader = new DaemonWakeup(dataSource, Schema, LongGap, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        // A replica whose daemon does not run here (it never waits), so its readers must tell the leader.
        using var follower = new DaemonWakeup(dataSource, Schema, LongGap, NullLogger<DaemonWakeup>.Instance, ActiveWindow, onlyDaemon: true);
        var waiting = await CommitWaitingOutTheGap(leader);

        Assert.True(follower.CommitsNeedTelling);
        await follower.Now(default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Under_sustained_load_the_gap_widens_and_the_first_wait_that_finds_no_commit_narrows_it()
    {
        var (gap, busy) = (TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(400));
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, gap, NullLogger<DaemonWakeup>.Instance, ActiveWindow, busy);
        await SettleAfterListening(wakeup);

        // Commits come faster than the daemon reads: each wait finds one already signalled.
        for (var i = 0; i < DaemonWakeup.SustainedWaits - 1; i++)
        {
            wakeup.Committed([]);
            await wakeup.WaitAsync(Long, default);
        }
        Assert.Equal(gap, wakeup.Gap);
        wakeup.Committed([]);
        await wakeup.WaitAsync(Long, default);
        Assert.Equal(busy, wakeup.Gap);
        wakeup.Committed([]);
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(Long, default);
        Assert.True(clock.Elapsed >= busy * 0.9, $"woken again after {clock.Elapsed.TotalMilliseconds:F0} ms under load; the busy gap is {busy.TotalMilliseconds} ms");

        // The load ends: the next wait finds no commit and has to wait for one.
        var waiting = wakeup.WaitAsync(Long, default);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(waiting.IsCompleted);
        wakeup.Committed([]);
        await waiting;
        Assert.Equal(gap, wakeup.Gap);
    }

    [Fact]
    public async Task A_store_that_just_committed_is_looked_at_every_second_and_an_idle_one_at_the_idle_poll()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        using var wakeup = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow);
        await SettleAfterListening(wakeup);

        wakeup.Committed([]);
        await wakeup.WaitAsync(Long, default);
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(Long, default);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(3));

        // Quiet for longer than the window: the idle poll asked for is kept.
        await Task.Delay(ActiveWindow);
        clock.Restart();
        await wakeup.WaitAsync(TimeSpan.FromSeconds(4), default);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3.5), $"an idle store was looked at after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Commits_are_told_unless_this_process_runs_the_only_daemon_and_again_once_its_daemon_stops()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infra.CreateDatabase("wake"));
        var margin = TimeSpan.FromMilliseconds(300);
        using var hotCold = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow,
            onlyDaemon: true, runningMargin: margin);
        using var solo = new DaemonWakeup(dataSource, Schema, TimeSpan.Zero, NullLogger<DaemonWakeup>.Instance, ActiveWindow,
            runningMargin: margin);

        // A HotCold replica whose daemon has not waited here does not lead: another replica's daemon needs its commits told.
        Assert.True(hotCold.CommitsNeedTelling);
        await SettleAfterListening(hotCold);
        await SettleAfterListening(solo);

        var waiting = hotCold.WaitAsync(TimeSpan.FromSeconds(1), default);
        Assert.False(hotCold.CommitsNeedTelling);
        await waiting;
        Assert.False(hotCold.CommitsNeedTelling);
        // Every Solo process runs a daemon of its own: the others need its commits whether or not its own daemon waits.
        var soloWaiting = solo.WaitAsync(TimeSpan.FromSeconds(1), default);
        Assert.True(solo.CommitsNeedTelling);
        await soloWaiting;

        // The daemon stopped waiting (it lost the leadership): past the margin, commits are told again.
        await Task.Delay(margin * 3);
        Assert.True(hotCold.CommitsNeedTelling);
    }

    /// <summary>
    /// Starts listening (the first wait does) and lets the one look that follows it, and the active window of that
    /// signal, pass, so each test starts from an idle store that listens.
    /// </summary>
    // The daemon read a moment ago (settling), and a commit comes: its next read would wait out the rest of the long gap.
    private static async Task<Task> CommitWaitingOutTheGap(DaemonWakeup wakeup)
    {
        await SettleAfterListening(wakeup);
        wakeup.Committed([]);
        var waiting = wakeup.WaitAsync(Long, default);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(waiting.IsCompleted);
        return waiting;
    }

    private static async Task SettleAfterListening(DaemonWakeup wakeup)
    {
        await wakeup.WaitAsync(TimeSpan.FromSeconds(5), default);
        await Task.Delay(ActiveWindow + TimeSpan.FromSeconds(0.5));
    }
}
