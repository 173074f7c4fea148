using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// Many messages for one stream, on two queues, delivered as fast as the broker can: with stream lanes none of the
/// service's own appends conflict, so the store keeps a sequence without holes. Without lanes the same load
/// conflicts, which shows the test can see a conflict.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StreamLaneTests(TestInfrastructure infra)
{
    private const int PerType = 100;

    [Fact]
    public async Task Messages_for_one_stream_from_two_queues_are_consumed_one_at_a_time_without_conflicts_or_sequence_holes()
    {
        var (conflicts, holes) = await Deliver(lanes: null);
        Assert.Equal(0, conflicts);
        Assert.Equal(0, holes);
    }

    [Fact]
    public async Task Without_lanes_the_same_load_conflicts()
    {
        var (conflicts, _) = await Deliver(lanes: 0);
        Assert.True(conflicts > 0, "two queues racing on one stream should have conflicted at least once");
    }

    private async Task<(int Conflicts, long Holes)> Deliver(int? lanes)
    {
        var (db, amqp) = (await infra.CreateDatabase("lanes"), await infra.CreateVirtualHost("lanes"));
        var probe = new TallyProbe();
        using var receiver = Receiver(db, amqp, probe, lanes);
        using var sender = Sender(amqp);
        await receiver.StartAsync();
        await sender.StartAsync();
        try
        {
            var bus = sender.Services.GetRequiredService<IBus>();
            await Task.WhenAll(Enumerable.Range(0, PerType).SelectMany(i => new[]
            {
                bus.Publish(new TallyRaised("one", i)), bus.Publish(new TallyNoted("one", i)),
            }));
            var store = receiver.Services.GetRequiredService<IEventStore>();
            // Without lanes, the first conflict is what the test looks for: ~128 consumers racing on one stream take
            // one append per round, too slow to wait out on a slow machine (it once took over a minute).
            await Eventually.Get(() => store.ReadStream(TallyConsumer.Stream("one"), default),
                s => s.Version == 2 * PerType || (lanes == 0 && Volatile.Read(ref probe.Conflicts) > 0),
                TimeSpan.FromSeconds(60), "every message to be tallied");
            return (probe.Conflicts, await SequenceHoles(db));
        }
        finally
        {
            await sender.StopAsync();
            await receiver.StopAsync();
        }
    }

    private static async Task<long> SequenceHoles(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0) - count(*) from lanes.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IHost Receiver(string postgres, Uri amqp, TallyProbe probe, int? lanes)
    {
        var builder = Builder(amqp);
        builder.Configuration["ConnectionStrings:postgres"] = postgres;
        if (lanes is { } count) builder.Configuration["Messaging:StreamLanes"] = count.ToString();
        builder.AddEventStore("lanes", new EventTypeRegistry().Map<Tallied>("test.tallied.v1"));
        builder.Services.AddSingleton(probe);
        builder.AddEventBus("lanes", bus =>
        {
            bus.AddStreamConsumer<TallyRaisedConsumer, TallyRaised>();
            bus.AddStreamConsumer<TallyNotedConsumer, TallyNoted>();
        });
        return builder.Build();
    }

    private static IHost Sender(Uri amqp)
    {
        var builder = Builder(amqp);
        builder.AddEventBus("sender");
        return builder.Build();
    }

    private static HostApplicationBuilder Builder(Uri amqp) =>
        ServiceHosts.BusOnly(amqp, "partnership-tests.tally-raised.v1", "partnership-tests.tally-noted.v1");
}

public sealed record Tallied(string TallyId, int Number);

public sealed class TallyProbe
{
    public int Conflicts;
}

/// <summary>Load, append with the expected version, decide again on a conflict: the command handler's way, counted.</summary>
public abstract class TallyConsumer(IEventStore store, TallyProbe probe)
{
    public static string Stream(string tallyId) => $"tally-{tallyId}";

    protected async Task Tally(string tallyId, int number, CancellationToken ct)
    {
        while (true)
        {
            var stream = await store.ReadStream(Stream(tallyId), ct);
            try
            {
                await store.AppendToStream(Stream(tallyId), new ExpectedVersion(stream.Version), [new Tallied(tallyId, number)], ct);
                return;
            }
            catch (WrongExpectedVersionException)
            {
                Interlocked.Increment(ref probe.Conflicts);
            }
        }
    }
}

public sealed class TallyRaisedConsumer(IEventStore store, TallyProbe probe) : TallyConsumer(store, probe), IStreamConsumer<TallyRaised>
{
    public static string StreamOf(TallyRaised message) => Stream(message.TallyId);

    public Task Consume(ConsumeContext<TallyRaised> context) => Tally(context.Message.TallyId, context.Message.Number, context.CancellationToken);
}

public sealed class TallyNotedConsumer(IEventStore store, TallyProbe probe) : TallyConsumer(store, probe), IStreamConsumer<TallyNoted>
{
    public static string StreamOf(TallyNoted message) => Stream(message.TallyId);

    public Task Consume(ConsumeContext<TallyNoted> context) => Tally(context.Message.TallyId, context.Message.Number, context.CancellationToken);
}
