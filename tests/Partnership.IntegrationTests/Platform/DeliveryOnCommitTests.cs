using Microsoft.Extensions.DependencyInjection;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// Integration events leave on commit (IntegrationEventDispatcher); the catch-up (IntegrationEventForwarder)
/// only publishes what the on-commit path left behind, so each event reaches a consumer once in normal operation.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DeliveryOnCommitTests(TestInfrastructure infra)
{
    // Short, so the catch-up runs well within the tests' waits.
    private const string Grace = "00:00:00.3";

    // Long enough for a publish and its record on a loaded test machine, where a late record would read as a
    // (harmless in production, but here failing) second publish; still short enough to wait for.
    private const string NormalGrace = "00:00:02";

    [Fact]
    public async Task An_appended_event_is_published_on_commit_with_no_daemon_running()
    {
        await using var run = await Start("oncommit", new() { ["EventStore:DaemonMode"] = "Disabled" });

        var events = await run.AppendThings(streams: 4, perStream: 3);

        // Nothing polls the store: only the on-commit path can have published these.
        await Eventually.True(() => run.Probe.Deliveries.Count == events.Count, TimeSpan.FromSeconds(10), "every event on commit");
        Assert.Equal(events.Select(e => e.EventId).Order(), run.Probe.Deliveries.Select(d => d.MessageId!.Value).Order());
        Assert.Equal(0, run.Probe.Duplicates);
    }

    [Fact]
    public async Task In_normal_operation_the_catch_up_publishes_nothing_a_second_time_and_forgets_the_records()
    {
        await using var run = await Start("once", new() { ["Messaging:Delivery:CatchUpGrace"] = NormalGrace });

        var events = await run.AppendThings(streams: 5, perStream: 4);

        await Eventually.True(() => run.Probe.Deliveries.Count >= events.Count, what: "every event");
        await run.CatchUpPassed(events[^1].Position);
        await Task.Delay(500);
        Assert.Equal(events.Count, run.Probe.Deliveries.Count);
        Assert.Equal(0, run.Probe.Duplicates);
        // Forgotten with the recorder's next write, which the catch-up's pass wakes.
        var log = run.Sender.Services.GetRequiredService<IPublishedEventLog>();
        await Eventually.Get(() => log.Published(events.Select(e => e.EventId).ToList(), default), left => left.Count == 0,
            what: "the records forgotten");
    }

    [Fact]
    public async Task Events_a_crash_left_between_commit_and_publish_go_out_once_through_the_catch_up()
    {
        // On-commit publishing off stands for a process that died right after its commits.
        await using var run = await Start("crash", new()
        {
            ["Messaging:Delivery:OnCommit"] = "false",
            ["Messaging:Delivery:CatchUpGrace"] = Grace,
        });

        var events = await run.AppendThings(streams: 3, perStream: 3);

        await Eventually.True(() => run.Probe.Deliveries.Count >= events.Count, what: "the catch-up to publish every event");
        await run.CatchUpPassed(events[^1].Position);
        await Task.Delay(500);
        Assert.Equal(events.Select(e => e.EventId).Order(), run.Probe.Deliveries.Select(d => d.MessageId!.Value).Order());
        Assert.Equal(0, run.Probe.Duplicates);
    }

    [Fact]
    public async Task A_duplicated_dispatch_gives_one_effect()
    {
        await using var run = await Start("dup", new() { ["EventStore:DaemonMode"] = "Disabled" });
        var events = await run.AppendThings(streams: 1, perStream: 1);
        await Eventually.True(() => run.Probe.Deliveries.Count == 1, what: "the first dispatch");

        run.Sender.Services.GetRequiredService<IntegrationEventDispatcher>().Committed(events);

        await Eventually.True(() => run.Probe.Deliveries.Count == 2, what: "the second dispatch");
        Assert.All(run.Probe.Deliveries, d => Assert.Equal(events[0].EventId, d.MessageId));
        Assert.Equal(1, run.Probe.Duplicates);
        var applied = await run.Receiver.Services.GetRequiredService<IEventStore>().ReadStream("applied-s0-0", default);
        Assert.Equal(1, applied.Version);
    }

    private async Task<Run> Start(string name, Dictionary<string, string?> settings)
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase(name), await infra.CreateDatabase(name + "r"), await infra.CreateVirtualHost(name));
        var probe = new ConsumerProbe();
        var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        var sender = ServiceHosts.Sender(senderDb, amqp, new ThingMapper(), settings);
        await receiver.StartAsync();
        await sender.StartAsync();
        return new Run(sender, receiver, probe);
    }

    private sealed record Run(Microsoft.Extensions.Hosting.IHost Sender, Microsoft.Extensions.Hosting.IHost Receiver, ConsumerProbe Probe)
        : IAsyncDisposable
    {
        /// <summary>Appends one event at a time, the streams concurrently; returns what was stored, in log order.</summary>
        public async Task<IReadOnlyList<RecordedEvent>> AppendThings(int streams, int perStream)
        {
            var store = Sender.Services.GetRequiredService<IEventStore>();
            await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
            {
                for (var i = 0; i < perStream; i++)
                    await store.AppendToStream($"thing-{s}", new ExpectedVersion(i), [new ThingHappened($"s{s}-{i}", i)], default);
            }));
            var all = new List<RecordedEvent>();
            for (var s = 0; s < streams; s++) all.AddRange((await store.ReadStream($"thing-{s}", default)).Events);
            return all.OrderBy(e => e.Position).ToList();
        }

        public Task CatchUpPassed(long position) =>
            Eventually.Get(() => Sender.Services.GetRequiredService<ISubscriptionControl>().Checkpoint(IntegrationEventForwarder.Name, default),
                cp => cp >= position, what: $"the catch-up checkpoint to reach {position}");

        public async ValueTask DisposeAsync()
        {
            await Sender.StopAsync();
            await Receiver.StopAsync();
            Sender.Dispose();
            Receiver.Dispose();
        }
    }
}
