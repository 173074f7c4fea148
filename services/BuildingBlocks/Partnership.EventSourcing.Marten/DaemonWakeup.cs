using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;
using Marten.Events.Daemon.HighWater;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Wakes a store's daemon when that store commits, and not more often than once per <c>minGap</c>.
/// Marten's own LISTEN/NOTIFY (UseListenNotifyForEventAppends) notifies one channel shared by every schema in the
/// database, once per appended event, and wakes on each: under load every service's daemon ran its high-water
/// detection (four statements) about 40 times a second, for every service's commits, not only its own. Here the group
/// commit NOTIFYs the store's own channel once per transaction (<see cref="NotifySql"/>), and a daemon that has just run
/// waits out the rest of the gap, so a busy store's read models and catch-up take events in batches of ~100 ms. The
/// first commit after a quiet spell still wakes the daemon at once.
/// </summary>
internal sealed class DaemonWakeup(IDaemonWakeup inner, TimeSpan minGap) : IDaemonWakeup
{
    private long _lastWake;

    public static string Channel(string schema) => "partnership_events_appended_" + schema;

    /// <summary>Queued in each group commit's transaction: PostgreSQL delivers it when, and only if, the commit succeeds.</summary>
    public static string NotifySql(string schema) => $"select pg_notify('{Channel(schema)}', '')";

    public static DaemonWakeup Listening(NpgsqlDataSource dataSource, string schema, TimeSpan minGap, ILogger logger) =>
        new(new PostgresqlListenWakeup(dataSource, logger, Channel(schema)), minGap);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        await inner.WaitAsync(timeout, token);
        if (_lastWake != 0 && Stopwatch.GetElapsedTime(_lastWake) is var since && since < minGap)
            await Task.Delay(minGap - since, token);
        _lastWake = Stopwatch.GetTimestamp();
    }

    public void Dispose() => inner.Dispose();
}
