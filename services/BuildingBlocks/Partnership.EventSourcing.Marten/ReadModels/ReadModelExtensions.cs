using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Partnership.EventSourcing.Marten.ReadModels;

/// <summary>A read model of the service: its projection's name (what operators rebuild), the daemon's shard for it, and the projection's type.</summary>
public sealed record ReadModel(string Name, ShardName Shard, Type Projection);

public static class ReadModelExtensions
{
    /// <summary>
    /// An async projection: the leader's daemon keeps it (one replica of the service), checkpointed in the transaction
    /// that writes its documents. A new database, or a new Version of the projection, is built from the first event.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddReadModel<TProjection>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, Action<TProjection>? configure = null)
        where TProjection : ProjectionBase, IProjectionSource<IDocumentOperations, IQuerySession>, new()
    {
        var projection = new TProjection();
        configure?.Invoke(projection);
        marten.Services.ConfigureMarten(o => o.Projections.Add(projection, ProjectionLifecycle.Async));
        marten.Services.AddSingleton(new ReadModel(projection.Name, new ShardName(projection.Name, ShardName.All, projection.Version), typeof(TProjection)));
        marten.Services.TryAddSingleton<ReadModelRebuilds>();
        marten.Services.TryAddSingleton<ReadModelFreshness>();
        return marten;
    }
}
