using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;

namespace Partnership.IntegrationTests.ReadModels;

/// <summary>
/// A list waits until its read model has taken what was committed before it was asked for, even while the daemon's
/// wake-up gap would keep the model behind for much longer, on the replica that runs the daemon and on one that does not.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReadModelFreshnessTests(TestInfrastructure infra)
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    // The daemon wakes at most this often, so a model that is not asked for trails its commits by up to this much.
    private const string LongGap = "10000";

    [Fact]
    public async Task A_list_asked_for_right_after_a_commit_finds_it_though_the_daemon_would_wait_out_a_long_gap()
    {
        var database = await infra.CreateDatabase("fresh");
        using var host = CustomerHost(database);
        await host.StartAsync();
        await ListFindsTheCommitJustMade(host);
        await host.StopAsync();
    }

    [Fact]
    public async Task On_a_replica_that_does_not_run_the_daemon_the_list_asks_the_leader_to_read_now()
    {
        var database = await infra.CreateDatabase("fresh_replicas");
        using var first = CustomerHost(database);
        using var second = CustomerHost(database);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var hosts = new[] { first, second };
        await Eventually.True(() => hosts.Any(h => h.Services.GetRequiredService<ReadModelRebuilds>().RunHere), what: "one replica to lead the daemon");
        var follower = hosts.Single(h => !h.Services.GetRequiredService<ReadModelRebuilds>().RunHere);
        await ListFindsTheCommitJustMade(follower);
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    // The first record is read within a gap; then the daemon has just read, and its next read would wait the whole gap.
    private static async Task ListFindsTheCommitJustMade(IHost host)
    {
        var store = host.Services.GetRequiredService<IEventStore>();
        await WriteCustomer(store, 1);
        await Eventually.Get(() => Views(host), v => v.Count == 1, TimeSpan.FromSeconds(40), "the first record in the read model");

        await WriteCustomer(store, 2);
        await host.Services.GetRequiredService<ReadModelFreshness>().CaughtUp<CustomerViewProjection>(default);

        Assert.Equal(2, (await Views(host)).Count);
    }

    private static IHost CustomerHost(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.Configuration["EventStore:DaemonWakeGapMilliseconds"] = LongGap;
        builder.Configuration["EventStore:DaemonBusyWakeGapMilliseconds"] = LongGap;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEventStore("customer", CustomerEventTypes.Registry()).AddReadModel<CustomerViewProjection>();
        return builder.Build();
    }

    private static Task WriteCustomer(IEventStore store, int i) =>
        store.AppendToStream(CustomerIds.Stream($"cst{i:D17}"), ExpectedVersion.NoStream,
            [new CustomerRecordCreated($"cst{i:D17}", "ajepartner0000000001", $"ajecustomer{i:D9}", $"Customer {i}", $"c{i}@yandex.ru", "r", At)],
            default);

    private static async Task<IReadOnlyList<CustomerView>> Views(IHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<CustomerView>().ToListAsync();
    }
}
