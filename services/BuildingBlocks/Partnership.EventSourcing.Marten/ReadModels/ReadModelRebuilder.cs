using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>Rebuilds read models from the streams: stop the subscription, clear, rewind to the start.</summary>
public sealed class ReadModelRebuilder(IDocumentStore store, IProjectionCoordinator coordinator, IEnumerable<IReadModel> models,
    ILogger<ReadModelRebuilder> logger)
{
    public IReadOnlyList<string> Names => models.Select(m => m.SubscriptionName).ToList();

    public async Task Rebuild(string? name, CancellationToken ct)
    {
        foreach (var model in models.Where(m => name is null || m.SubscriptionName == name))
            await Rebuild(model, ct);
    }

    /// <summary>Rebuilds the models that are missing (no marker) or older than their code.</summary>
    public async Task RebuildMissing(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        foreach (var model in models)
        {
            var marker = await session.LoadAsync<ReadModelMarker>(model.SubscriptionName, ct);
            if (marker?.Version == model.Version) continue;
            logger.LogInformation("Read model {Name} is missing or outdated; rebuilding", model.SubscriptionName);
            await Rebuild(model, ct);
        }
    }

    private async Task Rebuild(IReadModel model, CancellationToken ct)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        // Stopped first, so no batch lands between the clear and the rewind.
        await daemon.StopAgentAsync($"{model.SubscriptionName}:All");
        await model.Clear(ct);
        await using (var session = store.LightweightSession())
        {
            session.Store(new ReadModelMarker { Id = model.SubscriptionName, Version = model.Version });
            await session.SaveChangesAsync(ct);
        }
        await daemon.RewindSubscriptionAsync(model.SubscriptionName, ct, sequenceFloor: 0);
    }
}
