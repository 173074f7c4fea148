using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;

namespace Partnership.EventSourcing.Marten;

public sealed class MartenSubscriptionControl(IDocumentStore store, IProjectionCoordinator coordinator) : ISubscriptionControl
{
    public async Task Rewind(string subscriptionName, CancellationToken ct)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(subscriptionName, ct, sequenceFloor: 0);
    }

    public async Task<long> Checkpoint(string subscriptionName, CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        return progress.FirstOrDefault(p => p.ShardName.StartsWith(subscriptionName + ":", StringComparison.Ordinal))?.Sequence ?? 0;
    }
}
