using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

/// <summary>At start, rebuilds any read model whose marker is missing (a new database, a dropped table, a new version).</summary>
internal sealed class RebuildMissingReadModels(ReadModelRebuilder rebuilder) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => rebuilder.RebuildMissing(stoppingToken);
}
