using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Creates or updates the store's schema objects before anything else uses them, so two replicas starting together on
/// a new database do not race to create them on first use. When PostgreSQL does not answer at start the service still
/// starts: the schema is applied in the background as soon as it answers, and until then /health says why it is not
/// ready (check "event-store"). Start-up work that needs the schema waits for <see cref="Ready"/>.
/// </summary>
public sealed class EventStoreSchema(IDocumentStore store, IServiceProvider services, ILogger<EventStoreSchema> logger) : IHostedService, IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private string _waitingBecause = "not applied yet";

    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The usual case, in line: the schema exists before the daemon and the read models start.
            await Apply(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _waitingBecause = e.Message;
            // Usually PostgreSQL not answering yet; also any other failure of the apply (a DDL statement refused), which
            // the retries in the background meet again or get past.
            logger.LogWarning("The store's schema could not be applied at start ({Error}); the service starts and applies it as soon as it can",
                e.Message);
            _ = Task.Run(() => DatabaseWait.Until(async ct => { await ApplyLate(ct); return true; }, logger,
                "apply the store's schema", _stopping.Token), CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(_ready.Task.IsCompleted
            ? HealthCheckResult.Healthy("The store's schema is in place.")
            : HealthCheckResult.Unhealthy($"Waiting for PostgreSQL to apply the store's schema: {_waitingBecause}"));

    // The daemon tried to start its subscriptions without the database and gave up on them: they are started now.
    private async Task ApplyLate(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        if (services.GetService<IProjectionCoordinator>() is { } coordinator)
        {
            // A pause and resume restarts the coordinator's loop, high-water detection and every agent.
            await coordinator.PauseAsync();
            await coordinator.ResumeAsync();
        }
        _ready.TrySetResult();
        logger.LogWarning("PostgreSQL answers: the store's schema is applied and its subscriptions are running");
    }

    private async Task Apply(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _ready.TrySetResult();
    }
}
