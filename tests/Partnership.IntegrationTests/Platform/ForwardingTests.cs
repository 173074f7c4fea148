using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.ServiceDefaults;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

[Collection(InfrastructureCollection.Name)]
public sealed class ForwardingTests(TestInfrastructure infra) : IDisposable
{
    private readonly ActivityListener _listener = ListenToEverything();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_committed_event_reaches_another_service_through_RabbitMQ_in_the_same_trace()
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("fwd"), await infra.CreateDatabase("rcv"), await infra.CreateVirtualHost("fwd"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        using var sender = ServiceHosts.Sender(senderDb, amqp, new ThingMapper());
        await receiver.StartAsync();
        await sender.StartAsync();

        ActivityTraceId traceId;
        Guid eventId;
        using (var request = Telemetry.ActivitySource.StartActivity("test request", ActivityKind.Server))
        {
            traceId = request!.TraceId;
            await sender.Services.GetRequiredService<IEventStore>()
                .AppendToStream("thing-x", ExpectedVersion.NoStream, [new ThingHappened("x", 1)], default);
            eventId = (await sender.Services.GetRequiredService<IEventStore>().ReadStream("thing-x", default)).Events[0].EventId;
        }

        await Eventually.True(() => !probe.Deliveries.IsEmpty, what: "the receiver to consume ThingPublished");
        var delivery = Assert.Single(probe.Deliveries);
        Assert.Equal(eventId, delivery.MessageId);
        Assert.Equal(traceId, delivery.TraceId);
        var applied = await receiver.Services.GetRequiredService<IEventStore>().ReadStream("applied-x", default);
        Assert.Equal(1, applied.Version);
        await sender.StopAsync();
        await receiver.StopAsync();
    }

    [Fact]
    public async Task A_forwarder_killed_before_its_checkpoint_republishes_on_restart_and_the_consumer_applies_each_once()
    {
        const int count = 30;
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("kill"), await infra.CreateDatabase("krcv"), await infra.CreateVirtualHost("kill"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        await receiver.StartAsync();

        // The first forwarder publishes a few events of its batch, then hangs: the batch never returns,
        // so the checkpoint never moves. Then it is torn down as a crashed process would be.
        // Only the catch-up publishes here (on-commit publishing off), so this tests its checkpoint alone.
        var hanging = new HangingMapper(publishBeforeHang: 5);
        var first = ServiceHosts.Sender(senderDb, amqp, hanging, CatchUpOnly);
        await first.StartAsync();
        var store = first.Services.GetRequiredService<IEventStore>();
        var things = Enumerable.Range(0, count).Select(i => new ThingHappened($"k{i}", i)).ToArray();
        await store.AppendToStream("things", ExpectedVersion.NoStream, things, default);
        await Eventually.True(() => probe.Deliveries.Count >= 5 && hanging.Hung, what: "the first forwarder to publish 5 and hang");
        var control = first.Services.GetRequiredService<ISubscriptionControl>();
        Assert.Equal(0, await control.Checkpoint(IntegrationEventForwarder.Name, default));
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await first.StopAsync(stop.Token).ContinueWith(_ => { });
        hanging.Release();
        first.Dispose();

        using var second = ServiceHosts.Sender(senderDb, amqp, new ThingMapper(), CatchUpOnly);
        await second.StartAsync();
        var receiverStore = receiver.Services.GetRequiredService<IEventStore>();
        await Eventually.True(() => probe.Deliveries.Select(d => d.ThingId).Distinct().Count() == count, what: "every event to arrive");
        await Eventually.Get(() => second.Services.GetRequiredService<ISubscriptionControl>().Checkpoint(IntegrationEventForwarder.Name, default),
            cp => cp > 0, what: "the second forwarder to checkpoint");

        Assert.True(probe.Deliveries.Count >= count + 5, $"the first 5 are delivered twice, got {probe.Deliveries.Count}");
        Assert.True(probe.Duplicates >= 5);
        for (var i = 0; i < count; i++)
            Assert.Equal(1, (await receiverStore.ReadStream($"applied-k{i}", default)).Version);
        await second.StopAsync();
        await receiver.StopAsync();
    }

    private static readonly Dictionary<string, string?> CatchUpOnly = new()
    {
        ["Messaging:Delivery:OnCommit"] = "false",
        ["Messaging:Delivery:CatchUpGrace"] = "00:00:00.2",
    };

    /// <summary>Maps normally, then blocks the forwarder's thread, as a process frozen mid-batch.</summary>
    private sealed class HangingMapper(int publishBeforeHang) : IIntegrationEventMapper
    {
        private readonly ThingMapper _inner = new();
        private readonly ManualResetEventSlim _gate = new();
        private int _mapped;
        public bool Hung { get; private set; }

        public object? Map(RecordedEvent recorded)
        {
            if (Interlocked.Increment(ref _mapped) > publishBeforeHang)
            {
                Hung = true;
                _gate.Wait();
                throw new OperationCanceledException("process killed");
            }
            return _inner.Map(recorded);
        }

        public void Release() => _gate.Set();
    }

    private static ActivityListener ListenToEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "MassTransit" or Telemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
