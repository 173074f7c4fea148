using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// One LISTEN connection's life, shared by the stream change feed and the daemon's wake-up: open it, LISTEN, say it
/// listens (what was sent before is gone, so the caller reads again), take notifications until the connection breaks or
/// <paramref name="ct"/> ends, then UNLISTEN before the pooled connection goes back: pooled connections are not reset on
/// return (Postgres:NoResetOnClose), and one still listening would collect every notification while idle.
/// </summary>
internal static class PostgresChannel
{
    /// <param name="keepAlive">If set, a connection quiet this long is probed with a query, so one that died without a
    /// word (PostgreSQL frozen, a cut link) ends the call instead of waiting for good.</param>
    public static async Task Listen(NpgsqlDataSource source, string channel, Action<string> notified, Action listening,
        TimeSpan? keepAlive, ILogger logger, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => notified(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection)) await listen.ExecuteNonQueryAsync(ct);
        try
        {
            listening();
            while (true)
            {
                if (keepAlive is not { } quiet) await connection.WaitAsync(ct);
                else if (!await connection.WaitAsync(quiet, ct))
                    await using (var ping = new NpgsqlCommand("select 1", connection)) await ping.ExecuteScalarAsync(ct);
            }
        }
        finally
        {
            // A broken connection is not pooled, so a failed UNLISTEN needs nothing.
            try
            {
                await using var unlisten = new NpgsqlCommand($"UNLISTEN \"{channel}\"", connection);
                await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
            {
                logger.LogDebug("UNLISTEN {Channel} failed ({Error}); the connection is not reused", channel, e.Message);
            }
        }
    }
}
