using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>Rebuilds read models with the daemon: it clears the documents and replays the streams, then keeps them live again.</summary>
public sealed class ReadModelRebuilds(IProjectionCoordinator coordinator, IEnumerable<ReadModel> models, IHostApplicationLifetime lifetime,
    ILogger<ReadModelRebuilds> logger)
{
    public IReadOnlyList<ReadModel> Models { get; } = models.ToList();

    /// <summary>
    /// Whether this process runs the projections: with HotCold only the leader among the replicas does, and a rebuild
    /// anywhere else would be a second writer beside the leader's live projection.
    /// </summary>
    public bool RunHere => coordinator.DaemonForMainDatabase().IsRunning;

    public bool IsRebuilding(ReadModel model) => coordinator.DaemonForMainDatabase().IsRebuilding(model.Shard);

    /// <summary>Runs the rebuilds after the caller has its answer; a failure is logged, and the projection keeps its last state.</summary>
    public void StartInBackground(IReadOnlyList<ReadModel> which) => _ = Task.Run(async () =>
    {
        foreach (var model in which)
        {
            try
            {
                await Rebuild(model, lifetime.ApplicationStopping);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogError(e, "Rebuilding read model {Name} failed", model.Name);
            }
        }
    });

    public async Task Rebuild(ReadModel model, CancellationToken ct)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        logger.LogInformation("Rebuilding read model {Name} from the streams", model.Name);
        await daemon.RebuildProjectionAsync(model.Name, ct);
        // The rebuild leaves the projection's agent stopped at the high-water mark: started again, it follows new events.
        await daemon.StartAgentAsync(model.Shard, ct);
        logger.LogInformation("Read model {Name} rebuilt", model.Name);
    }
}
