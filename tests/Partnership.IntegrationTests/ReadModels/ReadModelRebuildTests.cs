using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;

namespace Partnership.IntegrationTests.ReadModels;

/// <summary>The Customer service's read model, rebuilt from its streams, equals the one kept live.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReadModelRebuildTests(TestInfrastructure infra)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_rebuild_on_demand_and_the_build_of_a_new_version_both_equal_the_live_state()
    {
        var database = await infra.CreateDatabase("rebuild");
        string live;
        using (var host = CustomerReadModelHost(database))
        {
            await host.StartAsync();
            await WriteCustomers(host.Services.GetRequiredService<IEventStore>());
            live = await Eventually.Get(() => Snapshot(host), s => s.Contains("b1g00000000000000001") && s.Split("\"Id\"").Length == 6,
                what: "the live read model");

            // Corrupt one view by hand: only a real rebuild from the streams puts it right.
            var store = host.Services.GetRequiredService<IDocumentStore>();
            await using (var session = store.LightweightSession())
            {
                var view = (await session.Query<CustomerView>().ToListAsync())[0];
                view.Name = "tampered";
                session.Store(view);
                await session.SaveChangesAsync();
            }
            Assert.NotEqual(live, await Snapshot(host));

            var rebuilds = host.Services.GetRequiredService<ReadModelRebuilds>();
            await rebuilds.Rebuild(rebuilds.Models.Single(m => m.Name == "customer-views"), default);
            Assert.Equal(live, await Snapshot(host));

            // Kept live again after the rebuild: a new record shows up.
            await WriteCustomers(host.Services.GetRequiredService<IEventStore>(), from: 5, count: 1);
            live = await Eventually.Get(() => Snapshot(host), s => s.Split("\"Id\"").Length == 7, what: "the rebuilt model to follow new events");
            // Gone from the old version's table, so only a build of the new version from the streams can show them again.
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(CustomerView));
            await host.StopAsync();
        }
        // A new version of the projection (its shape changed) is built from the streams at the next start, beside the old one.
        using (var restarted = CustomerReadModelHost(database, version: 2))
        {
            await restarted.StartAsync();
            await Eventually.Get(() => Snapshot(restarted), s => s == live, what: "the new version to be built at start");
            await restarted.StopAsync();
        }
    }

    [Fact]
    public async Task Of_two_replicas_only_the_one_that_leads_the_daemon_rebuilds()
    {
        var database = await infra.CreateDatabase("rebuild_replicas");
        using var first = CustomerReadModelHost(database);
        using var second = CustomerReadModelHost(database);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var replicas = new[] { first, second }.Select(h => h.Services.GetRequiredService<ReadModelRebuilds>()).ToList();

        await Eventually.True(() => replicas.Any(r => r.RunHere), what: "one replica to lead the daemon");
        // The other answers the rebuild endpoint with 503: a rebuild there would write beside the leader's live projection.
        Assert.Single(replicas, r => r.RunHere);
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    private static IHost CustomerReadModelHost(string database, uint version = 1)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.AddEventStore("customer", CustomerEventTypes.Registry()).AddReadModel<CustomerViewProjection>(p => p.Version = version);
        return builder.Build();
    }

    private static async Task WriteCustomers(IEventStore store, int from = 0, int count = 5)
    {
        for (var i = from; i < from + count; i++)
        {
            var id = $"cst{i:D17}";
            var sub = $"dn2{i:D17}";
            List<object> events =
            [
                new CustomerRecordCreated(id, "ajepartner0000000001", $"ajecustomer{i:D9}", $"Customer {i}", $"c{i}@yandex.ru", "r", At.AddMinutes(i)),
                new SubaccountAssigned(sub, "ajepartner0000000001", $"ajecustomer{i:D9}", $"Customer {i}", $"c{i}@yandex.ru", "link", At),
                new OrganizationAssigned($"bpf{i:D17}", At),
            ];
            if (i % 2 == 0) events.Add(new PartnershipConfirmed("ajepartner0000000001", $"ajecustomer{i:D9}", sub, At));
            if (i == 4) events.Add(new CloudAddedToSubaccount("b1g00000000000000001", At));
            await store.AppendToStream(CustomerIds.Stream(id), ExpectedVersion.NoStream, events, default);
        }
    }

    private static async Task<string> Snapshot(IHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var views = await session.Query<CustomerView>().OrderBy(v => v.Id).ToListAsync();
        return JsonSerializer.Serialize(views);
    }
}
