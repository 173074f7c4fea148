using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
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
        var (leader, follower) = await LeaderAndFollower(database);
        using var _ = leader;
        using var __ = follower;

        await leader.StopAsync();
        await Eventually.Get(() => Task.FromResult(Daemon(follower).IsRunning), running => running, TimeSpan.FromSeconds(60),
            "the other replica to take over");
        await follower.StopAsync();
    }

    [Fact]
    public async Task The_leaders_commits_send_no_notify_and_the_other_replicas_wake_its_daemon()
    {
        var database = await infra.CreateDatabase("leader");
        var (leader, follower) = await LeaderAndFollower(database);
        using var _ = leader;
        using var __ = follower;

        // What the test's own connection hears on the store's channel, as another replica's daemon would.
        var told = new List<string>();
        await using var listener = new NpgsqlConnection(database);
        await listener.OpenAsync();
        listener.Notification += (_, e) => { lock (told) told.Add(e.Channel); };
        await using (var listen = new NpgsqlCommand($"LISTEN \"{DaemonWakeup.ChannelOf("leader")}\"", listener)) await listen.ExecuteNonQueryAsync();

        await Append(leader, "thing-of-the-leader");
        await listener.WaitAsync(TimeSpan.FromSeconds(1));
        lock (told) Assert.Empty(told);

        // The leader's daemon reads the follower's commit at once: a NOTIFY, not its 10 s idle poll, woke it.
        var subscriber = leader.Services.GetRequiredService<NothingSubscriber>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Append(follower, "thing-of-the-follower");
        await listener.WaitAsync(TimeSpan.FromSeconds(5));
        lock (told) Assert.Single(told);
        await Eventually.Get(() => Task.FromResult(subscriber.Seen("thing-of-the-follower")), seen => seen, TimeSpan.FromSeconds(30),
            "the leader's daemon to read the follower's commit");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"read after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(subscriber.Seen("thing-of-the-leader"));

        await Task.WhenAll(leader.StopAsync(), follower.StopAsync());
    }

    /// <summary>Two replicas on one store, started, once one of them runs the daemon.</summary>
    private static async Task<(IHost Leader, IHost Follower)> LeaderAndFollower(string database)
    {
        var (first, second) = (Replica(database), Replica(database));
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var leaders = await Eventually.Get(() => Task.FromResult(Running(first, second)), r => r.Count(x => x) == 1,
            TimeSpan.FromSeconds(30), "one daemon leader");
        return leaders[0] ? (first, second) : (second, first);
    }

    private static Task Append(IHost host, string streamId) =>
        host.Services.GetRequiredService<Partnership.EventSourcing.IEventStore>()
            .AppendToStream(streamId, Partnership.EventSourcing.ExpectedVersion.NoStream, [new ThingHappened(streamId, 1)], default);

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
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _streams = new();

        public string SubscriptionName => "nothing";

        public bool Seen(string streamId) => _streams.ContainsKey(streamId);

        public Task Handle(IReadOnlyList<Partnership.EventSourcing.RecordedEvent> events, CancellationToken ct)
        {
            foreach (var e in events) _streams[e.StreamId] = 0;
            return Task.CompletedTask;
        }
    }
}
