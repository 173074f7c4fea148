using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Carries <see cref="StreamChangeFeed"/> between replicas through PostgreSQL: LISTEN for the NOTIFYs the other replicas'
/// group commits send (this process's come back too, harmlessly). A lost connection is reopened after a pause, and
/// every follower is woken, since notifications sent meanwhile are gone.
/// </summary>
internal sealed class StreamChangeNotifications(StreamChangeFeed feed, NpgsqlDataSource source, ILogger<StreamChangeNotifications> logger)
    : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Changes committed while the connection was away are read again once it listens, since none will be missed then.
                await PostgresChannel.Listen(source, feed.Channel, feed.Signal, feed.SignalAll, keepAlive: null, logger, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Once loudly; while PostgreSQL stays away, quietly (its health check says so already).
                logger.Log(failures++ == 0 ? LogLevel.Warning : LogLevel.Debug,
                    "Stream change listening on {Channel} stopped ({Error}); again in {Pause}; followers read at their interval meanwhile",
                    feed.Channel, e.Message, Pause);
                feed.SignalAll();
                await Task.Delay(Pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
