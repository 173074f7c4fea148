using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

/// <summary>Two replicas of a service on one store: one runs the daemon (the default HotCold), the other takes over when it stops.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DaemonLeaderTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Of_two_replicas_one_runs_the_daemon_and_the_other_takes_over_when_it_stops()
    {
        var database = await infra.CreateDatabase("leader");
        using var first = Replica(database);
        using var second = Replica(database);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        var leaders = await Eventually.Get(() => Task.FromResult(Running(first, second)), r => r.Count(x => x) == 1,
            TimeSpan.FromSeconds(30), "one daemon leader");
        var (leader, follower) = leaders[0] ? (first, second) : (second, first);

        await leader.StopAsync();
        await Eventually.Get(() => Task.FromResult(Daemon(follower).IsRunning), running => running, TimeSpan.FromSeconds(60),
            "the other replica to take over");
        await follower.StopAsync();
    }

    private static bool[] Running(params IHost[] hosts) => hosts.Select(h => Daemon(h).IsRunning).ToArray();

    private static IProjectionDaemon Daemon(IHost host) => host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();

    private static IHost Replica(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.AddEventStore("leader", TestEventTypes.Registry()).AddCatchUpSubscriber<NothingSubscriber>();
        return builder.Build();
    }

    private sealed class NothingSubscriber : Partnership.EventSourcing.ICatchUpSubscriber
    {
        public string SubscriptionName => "nothing";

        public Task Handle(IReadOnlyList<Partnership.EventSourcing.RecordedEvent> events, CancellationToken ct) => Task.CompletedTask;
    }
}
