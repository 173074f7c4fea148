using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Carries <see cref="StreamChangeFeed"/> between replicas through PostgreSQL: NOTIFY on the service's channel for each
/// stream this process committed to, and LISTEN for the others' (its own come back too, harmlessly). A lost
/// connection is reopened after a pause, and every follower is woken, since notifications sent meanwhile are gone.
/// </summary>
internal sealed class StreamChangeNotifications(StreamChangeFeed feed, NpgsqlDataSource source, string channel,
    ILogger<StreamChangeNotifications> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private const int MaxBatch = 256;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Keep(Listen, "listening", stoppingToken), Keep(Send, "notifying", stoppingToken));

    private async Task Keep(Func<CancellationToken, Task> loop, string what, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await loop(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Once loudly; while PostgreSQL stays away, quietly (its health check says so already).
                logger.Log(failures++ == 0 ? LogLevel.Warning : LogLevel.Debug,
                    "Stream change {What} on {Channel} stopped ({Error}); again in {Pause}; followers read at their interval meanwhile",
                    what, channel, e.Message, Pause);
                feed.SignalAll();
                await Task.Delay(Pause, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // Changes committed while the connection was away are read again once it listens, since none will be missed then.
    private Task Listen(CancellationToken ct) =>
        PostgresChannel.Listen(source, channel, feed.Signal, feed.SignalAll, keepAlive: null, logger, ct);

    private async Task Send(CancellationToken ct)
    {
        var reader = feed.Outgoing.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            var batch = new HashSet<string>();
            while (batch.Count < MaxBatch && reader.TryRead(out var streamId)) batch.Add(streamId);
            await using var notify = source.CreateCommand("SELECT pg_notify($1, s) FROM unnest($2::text[]) AS s");
            notify.Parameters.Add(new NpgsqlParameter { Value = channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = batch.ToArray() });
            await notify.ExecuteNonQueryAsync(ct);
        }
    }
}
