using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// Resources that WaitFor a server wait forever if it never gets healthy. This stops the AppHost with a
/// non-zero exit code instead, saying which server failed, when one exits or is not healthy in time.
/// </summary>
internal sealed class InfrastructureWatchdog(ResourceNotificationService notifications, IHostApplicationLifetime lifetime,
    ILogger<InfrastructureWatchdog> logger, TimeSpan timeout, string[] watched) : BackgroundService
{
    public static void Watch(IDistributedApplicationBuilder builder, TimeSpan timeout, params string[] resources) =>
        builder.Services.AddHostedService(sp => new InfrastructureWatchdog(sp.GetRequiredService<ResourceNotificationService>(),
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<InfrastructureWatchdog>>(), timeout, resources));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var healthy = new HashSet<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var e in notifications.WatchAsync(deadline.Token))
            {
                var name = e.Resource.Name;
                if (!watched.Contains(name)) continue;
                var state = e.Snapshot.State?.Text;
                if (state is "Exited" or "FailedToStart" or "Finished")
                {
                    Stop($"{name} stopped ({state}, exit code {e.Snapshot.ExitCode}). See its console log in the dashboard.");
                    return;
                }
                if (e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy && healthy.Add(name))
                    logger.LogInformation("{Resource} is ready", name);
                if (healthy.Count == watched.Length) deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Stop($"not ready after {timeout}: {string.Join(", ", watched.Except(healthy))}. See their console logs in the dashboard.");
        }
    }

    private void Stop(string why)
    {
        logger.LogCritical("Infrastructure failed: {Why}", why);
        Console.Error.WriteLine($"Partnership AppHost: infrastructure failed: {why}");
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }
}
