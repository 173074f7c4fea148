using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// An idle store polls rarely (EventStore:IdlePollSeconds), yet an append wakes its daemon at once through
/// LISTEN/NOTIFY: the first event after a quiet spell is forwarded in far less than the idle poll interval.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class IdleWakeupTests(TestInfrastructure infra)
{
    // Long: without the wake-up the second event would wait for the poll, well beyond the bound asserted.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_append_to_an_idle_store_is_forwarded_without_waiting_for_the_idle_poll()
    {
        var (senderDb, receiverDb, amqp) = (await infra.CreateDatabase("idle"), await infra.CreateDatabase("idlr"), await infra.CreateVirtualHost("idle"));
        var probe = new ConsumerProbe();
        using var receiver = ServiceHosts.Receiver(receiverDb, amqp, probe);
        using var sender = Sender(senderDb, amqp);
        await receiver.StartAsync();
        await sender.StartAsync();
        try
        {
            var store = sender.Services.GetRequiredService<IEventStore>();
            await store.AppendToStream("thing-warm", ExpectedVersion.NoStream, [new ThingHappened("warm", 0)], default);
            await Eventually.True(() => probe.Deliveries.Count == 1, what: "the first event, which starts the daemon's work");
            // Long enough for the daemon to fall back to idle polling.
            await Task.Delay(TimeSpan.FromSeconds(3));

            var clock = Stopwatch.StartNew();
            await store.AppendToStream("thing-quiet", ExpectedVersion.NoStream, [new ThingHappened("quiet", 1)], default);
            await Eventually.True(() => probe.Deliveries.Count == 2, IdlePoll * 2, "the event after a quiet spell");
            Assert.True(clock.Elapsed < IdlePoll / 3, $"forwarded after {clock.Elapsed.TotalMilliseconds:F0} ms; the idle poll is {IdlePoll.TotalSeconds} s");
        }
        finally
        {
            await sender.StopAsync();
            await receiver.StopAsync();
        }
    }

    private static IHost Sender(string postgres, Uri amqp)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = postgres;
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        builder.Configuration["EventStore:IdlePollSeconds"] = IdlePoll.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Messaging:ExchangeOwners:partnership-tests.thing-published.v1"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.AddEventStore("sender", TestEventTypes.Registry()).AddCatchUpSubscriber<IntegrationEventForwarder>();
        builder.Services.AddSingleton<IIntegrationEventMapper>(new ThingMapper());
        // The daemon's catch-up alone, with no grace: what is measured is how soon the daemon wakes.
        builder.Configuration["Messaging:Delivery:OnCommit"] = "false";
        builder.Configuration["Messaging:Delivery:CatchUpGrace"] = "00:00:00";
        builder.AddIntegrationEventDelivery();
        builder.AddEventBus("sender");
        return builder.Build();
    }
}
