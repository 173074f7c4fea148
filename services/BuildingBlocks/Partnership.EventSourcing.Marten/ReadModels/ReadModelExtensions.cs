using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten.ReadModels;

public static class ReadModelExtensions
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddReadModel<TProjector>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) where TProjector : class, ICatchUpSubscriber, IReadModel
    {
        marten.AddCatchUpSubscriber<TProjector>();
        marten.Services.AddSingleton<IReadModel>(sp => sp.GetRequiredService<TProjector>());
        marten.Services.AddSingleton<ReadModelRebuilder>();
        if (!marten.Services.Any(d => d.ImplementationType == typeof(RebuildMissingReadModels)))
            marten.Services.AddHostedService<RebuildMissingReadModels>();
        return marten;
    }
}

/// <summary>
/// At start, rebuilds any read model whose marker is missing (a new database, a dropped table, a new version). Replicas
/// of one service take turns (a PostgreSQL advisory lock per schema): the second finds the markers current.
/// </summary>
internal sealed class RebuildMissingReadModels(ReadModelRebuilder rebuilder, IDocumentStore store, IProjectionCoordinator coordinator,
    EventStoreDaemonMode mode, EventStoreSchema schema, ILogger<RebuildMissingReadModels> logger) : BackgroundService
{
    // Without the database the service starts anyway (Unhealthy) and the rebuild waits for it, instead of exiting.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Ready.WaitAsync(stoppingToken);
        // With HotCold only the leader rebuilds, once its daemon runs: a rebuild restarts the model's agent, which on a
        // replica that is not the leader would be a second daemon for the store, and before the leader has started its
        // agents it stopped an agent the leader then never ran (the live model stayed empty). A replica that becomes
        // leader later gets here then, and finds the markers current. Waited for before the lock, which a waiting
        // replica would otherwise hold against the leader.
        if (mode.Mode == DaemonMode.HotCold)
        {
            var daemon = coordinator.DaemonForMainDatabase();
            while (!daemon.IsRunning) await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
        }
        await DatabaseWait.Until(async ct => { await RebuildMissing(ct); return true; }, logger, "rebuild missing read models", stoppingToken);
    }

    private async Task RebuildMissing(CancellationToken stoppingToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(stoppingToken);
        var key = $"{store.Options.DatabaseSchemaName}:read-model-rebuild";
        await using (var take = new Npgsql.NpgsqlCommand("select pg_advisory_lock(hashtext(@key))", connection))
        {
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(stoppingToken);
        }
        try
        {
            await rebuilder.RebuildMissing(stoppingToken);
        }
        finally
        {
            // Released explicitly: pooled connections are not reset when returned (Postgres:NoResetOnClose), so a
            // session lock would outlive this use. If the unlock itself fails the connection is broken, and the
            // server releases the lock with it.
            await using var release = new Npgsql.NpgsqlCommand("select pg_advisory_unlock(hashtext(@key))", connection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
