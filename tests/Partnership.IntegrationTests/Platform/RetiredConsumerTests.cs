using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.Messaging;
using RabbitMQ.Client;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A [Retired] consumer finishes what its queue held when an upgrade found it (bound the way the build before bound it),
/// its queue loses that binding, and nothing published afterwards reaches it.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RetiredConsumerTests(TestInfrastructure infra)
{
    private const string Exchange = "partnership-tests.retired-thing.v1";
    private const string Queue = "retired-retired-thing"; // the endpoint name MassTransit gives RetiredThingConsumer

    [Fact]
    public async Task It_drains_what_was_queued_and_gets_nothing_new()
    {
        var amqp = await infra.CreateVirtualHost("retired");
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // The queue as the build before declared and bound it, holding a message it had not taken yet.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await channel.ExchangeDeclareAsync(Queue, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(Queue, Queue, "");
        await channel.ExchangeBindAsync(destination: Queue, source: Exchange, routingKey: "");
        await Publish(channel, "queued-before");
        await Eventually.Get(() => channel.QueueDeclarePassiveAsync(Queue), q => q.MessageCount == 1, what: "the message in the old queue");

        var seen = new ConcurrentQueue<string>();
        using var host = Consumer(amqp, seen);
        await host.StartAsync();
        try
        {
            await Eventually.True(() => seen.Contains("queued-before"), what: "the queued message to be consumed");
            await Eventually.Get(() => infra.BindingsBetween(amqp, Exchange, Queue), b => b.Count == 0, what: "the old binding to be removed");

            // Once another team's queue has the next message, the broker has routed it everywhere it goes.
            var subscriber = (await channel.QueueDeclareAsync("", exclusive: true)).QueueName;
            await channel.QueueBindAsync(subscriber, Exchange, "");
            await Publish(channel, "published-after");
            await Eventually.Get(() => channel.BasicGetAsync(subscriber, autoAck: true), got => got is not null, what: "the subscriber's copy");
            await Task.Delay(500);

            Assert.Equal(["queued-before"], seen);
            Assert.Equal(0u, (await channel.QueueDeclarePassiveAsync(Queue)).MessageCount);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // MassTransit's envelope, as the owner of the exchange publishes it (the guest login stamps user-id guest).
    private static async Task Publish(IChannel channel, string thingId)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Partnership.IntegrationTests.Platform.Messages:RetiredThing" },
            message = new { thingId },
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", UserId = "guest", Persistent = true };
        await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, envelope);
    }

    private static IHost Consumer(Uri amqp, ConcurrentQueue<string> seen)
    {
        var builder = ServiceHosts.BusOnly(amqp, Exchange);
        builder.Services.AddSingleton(seen);
        builder.AddEventBus("retired", bus => bus.AddStreamConsumer<RetiredThingConsumer, RetiredThing>());
        return builder.Build();
    }

    [Retired("a test: nothing does its work")]
    public sealed class RetiredThingConsumer(ConcurrentQueue<string> seen) : IStreamConsumer<RetiredThing>
    {
        public static string StreamOf(RetiredThing message) => "things";

        public Task Consume(ConsumeContext<RetiredThing> context)
        {
            seen.Enqueue(context.Message.ThingId);
            return Task.CompletedTask;
        }
    }
}
