using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Faults;

/// <summary>
/// An event the running build cannot deliver (a type it does not know, a mapping that throws) parks its stream's
/// delivery, loudly: other streams go on, /health is Unhealthy naming the stream and position, and the next start
/// (a fixed build) delivers the parked stream in order.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PoisonedEventTests(TestInfrastructure infra)
{
    private static readonly Dictionary<string, string?> CatchUpOnly = new()
    {
        ["Messaging:Delivery:OnCommit"] = "false",
        ["Messaging:Delivery:CatchUpGrace"] = "00:00:00.2",
    };

    [Fact]
    public async Task An_unknown_event_type_parks_its_stream_others_go_on_and_a_build_that_knows_it_delivers_it()
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("unk"), await infra.CreateDatabase("unkr"), await infra.CreateVirtualHost("unk"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        await receiver.StartAsync();

        // A newer build wrote an event type this build does not know, then an ordinary event on the same stream.
        // It publishes nothing itself here (no daemon, no on-commit publishing): as if it crashed right after the commit.
        using (var newer = ServiceHosts.Sender(senderDb, amqp, new RenamingMapper(),
                   new Dictionary<string, string?>(CatchUpOnly) { ["EventStore:DaemonMode"] = "Disabled" }, NewerRegistry()))
        {
            await newer.StartAsync();
            var store = newer.Services.GetRequiredService<IEventStore>();
            await store.AppendToStream("thing-a", ExpectedVersion.NoStream, [new ThingRenamed("a", "A"), new ThingHappened("a", 2)], default);
            await newer.StopAsync();
        }
        // The older build has no such class at all (here the test assembly has it, so its stored CLR name is made unknown).
        await using (var connection = new Npgsql.NpgsqlConnection(senderDb))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE sender.mt_events SET mt_dotnet_type = 'Future.ThingRenamed, Future' WHERE type = 'test.thing-renamed.v1'", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        using var older = ServiceHosts.Sender(senderDb, amqp, new ThingMapper(), CatchUpOnly);
        await older.StartAsync();
        await older.Services.GetRequiredService<IEventStore>()
            .AppendToStream("thing-b", ExpectedVersion.NoStream, [new ThingHappened("b", 1)], default);

        await Eventually.True(() => probe.Deliveries.Any(d => d.ThingId == "b"), what: "the other stream's event to arrive");
        var health = await Eventually.Get(() => older.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(),
            r => r.Status == HealthStatus.Unhealthy, what: "an unhealthy status");
        var why = string.Join(" ", health.Entries.Values.Select(e => e.Description));
        Assert.Contains("thing-a", why);
        Assert.Contains("test.thing-renamed.v1", why);
        Assert.DoesNotContain(probe.Deliveries, d => d.ThingId == "a");
        await older.StopAsync();

        // The fixed build (it knows the type) delivers the parked stream at start, in order, and is healthy again.
        using var fixedBuild = ServiceHosts.Sender(senderDb, amqp, new RenamingMapper(), CatchUpOnly, NewerRegistry());
        await fixedBuild.StartAsync();
        await Eventually.True(() => probe.Deliveries.Count(d => d.ThingId == "a") >= 1, what: "the parked stream to be delivered");
        await Eventually.Get(() => fixedBuild.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(),
            r => r.Status == HealthStatus.Healthy, what: "healthy again");
        await fixedBuild.StopAsync();
        await receiver.StopAsync();
    }

    [Fact]
    public async Task A_mapping_that_throws_parks_the_stream_with_its_position_and_later_events_of_it_wait()
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("map"), await infra.CreateDatabase("mapr"), await infra.CreateVirtualHost("map"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        await receiver.StartAsync();
        using var sender = ServiceHosts.Sender(senderDb, amqp, new ThrowingMapper("bad"));
        await sender.StartAsync();
        var store = sender.Services.GetRequiredService<IEventStore>();
        await store.AppendToStream("thing-bad", ExpectedVersion.NoStream, [new ThingHappened("bad", 1)], default);
        await store.AppendToStream("thing-bad", ExpectedVersion.Any, [new ThingHappened("bad-later", 2)], default);
        await store.AppendToStream("thing-good", ExpectedVersion.NoStream, [new ThingHappened("good", 1)], default);

        await Eventually.True(() => probe.Deliveries.Any(d => d.ThingId == "good"), what: "the healthy stream's event");
        var health = await Eventually.Get(() => sender.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(),
            r => r.Status == HealthStatus.Unhealthy, what: "an unhealthy status");
        var why = string.Join(" ", health.Entries.Values.Select(e => e.Description));
        var first = (await store.ReadStream("thing-bad", default)).Events[0];
        Assert.Contains("thing-bad", why);
        Assert.Contains($"position {first.Position}", why);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(probe.Deliveries, d => d.ThingId.StartsWith("bad"));
        await sender.StopAsync();

        using var fixedBuild = ServiceHosts.Sender(senderDb, amqp, new ThingMapper());
        await fixedBuild.StartAsync();
        await Eventually.True(() => probe.Deliveries.Any(d => d.ThingId == "bad-later"), what: "the parked stream, resumed");
        // In the order sent: the receiver consumes several messages at once, so the order it finishes them in is not it.
        var order = probe.Deliveries.Where(d => d.ThingId.StartsWith("bad")).OrderBy(d => d.SentTime).Select(d => d.ThingId).Distinct().ToList();
        Assert.Equal(["bad", "bad-later"], order);
        await fixedBuild.StopAsync();
        await receiver.StopAsync();
    }

    [Fact]
    public async Task A_tombstone_Marten_wrote_for_a_failed_append_is_no_event_and_parks_nothing()
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("tomb"), await infra.CreateDatabase("tombr"), await infra.CreateVirtualHost("tomb"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        await receiver.StartAsync();
        using var sender = ServiceHosts.Sender(senderDb, amqp, new ThingMapper(), CatchUpOnly);
        await sender.StartAsync();
        var store = sender.Services.GetRequiredService<IEventStore>();
        await store.AppendToStream("thing-a", ExpectedVersion.NoStream, [new ThingHappened("a", 1)], default);
        // What Marten writes into the sequence number an append burned before it failed, so the daemon need not wait
        // for the hole: a "tombstone" on its own stream, which no build of ours has a type for.
        await using (var connection = new Npgsql.NpgsqlConnection(senderDb))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO sender.mt_streams (id, type, version) VALUES ('mt_tombstone', NULL, 0) ON CONFLICT DO NOTHING; " +
                "INSERT INTO sender.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type) VALUES " +
                "(nextval('sender.mt_events_sequence'), gen_random_uuid(), 'mt_tombstone', 0, '{}', 'tombstone', 'Marten.Events.Operations.Tombstone, Marten')",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        await store.AppendToStream("thing-b", ExpectedVersion.NoStream, [new ThingHappened("b", 1)], default);

        // Both arrive: the receiver consumes several messages at once, so "a" may finish after "b".
        await Eventually.True(() => probe.Deliveries.Any(d => d.ThingId == "b") && probe.Deliveries.Any(d => d.ThingId == "a"),
            what: "the events before and after the tombstone");
        var health = await sender.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.True(health.Status == HealthStatus.Healthy,
            string.Join(" ", health.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description}")));
        await sender.StopAsync();
        await receiver.StopAsync();
    }

    private static EventTypeRegistry NewerRegistry() => TestEventTypes.Registry().Map<ThingRenamed>("test.thing-renamed.v1");

    private sealed class RenamingMapper : IIntegrationEventMapper
    {
        public object? Map(RecordedEvent recorded) => recorded.Data is ThingRenamed e
            ? new Platform.Messages.ThingPublished(e.ThingId, 0)
            : new ThingMapper().Map(recorded);
    }

    private sealed class ThrowingMapper(string poisoned) : IIntegrationEventMapper
    {
        public object? Map(RecordedEvent recorded) => recorded.Data is ThingHappened { ThingId: var id } && id == poisoned
            ? throw new InvalidOperationException("This build cannot map it.")
            : new ThingMapper().Map(recorded);
    }
}

public sealed record ThingRenamed(string ThingId, string Name);
