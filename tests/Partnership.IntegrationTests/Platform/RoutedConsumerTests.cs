using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.Messaging;
using RabbitMQ.Client;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A consumer marked [TakesRoutingKeys] is delivered only the messages published with those keys (and those with none),
/// through the production publisher and bus; the exchange stays fanout for everyone else, and a queue bound the old way
/// loses its direct binding.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RoutedConsumerTests(TestInfrastructure infra)
{
    private const string Exchange = "partnership-tests.routed-thing.v1";
    private const string Queue = "routed-routed-thing"; // the endpoint name MassTransit gives RoutedThingConsumer

    [Fact]
    public async Task The_broker_delivers_a_routed_consumer_only_its_keys_and_unkeyed_messages_while_other_subscribers_get_all()
    {
        var amqp = await infra.CreateVirtualHost("routed");
        // As a queue of an earlier build was bound: the message exchange straight to the queue's exchange.
        await using (var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
            await channel.ExchangeDeclareAsync(Queue, ExchangeType.Fanout, durable: true);
            await channel.ExchangeBindAsync(destination: Queue, source: Exchange, routingKey: "");
        }
        var seen = new Seen();
        using var host = Consumer(amqp, seen);
        await host.StartAsync();
        try
        {
            await Eventually.Get(() => infra.BindingsBetween(amqp, Exchange, Queue), b => b.Count == 0, what: "the old direct binding to be removed");
            // Another team's subscriber, bound to the fanout exchange as the catalogue says, still gets everything.
            await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var subscriber = (await channel.QueueDeclareAsync("", exclusive: true)).QueueName;
            await channel.QueueBindAsync(subscriber, Exchange, "");

            var publisher = new IntegrationEventPublisher(host.Services.GetRequiredService<IBus>(), new PassThrough(),
                Options.Create(new IntegrationEventDeliveryOptions()), NullLogger<IntegrationEventPublisher>.Instance);
            string[] kinds = ["unwanted", "wanted", "", "organization", "wanted"];
            for (var i = 0; i < kinds.Length; i++)
            {
                var message = new RoutedThing($"t{i}", kinds[i]);
                var recorded = new RecordedEvent(Guid.NewGuid(), "things", i + 1, i + 1, "thing", message, DateTimeOffset.UtcNow, null);
                await publisher.Publish(recorded, message, "test", CancellationToken.None);
            }

            // One message in flight at a time (PrefetchCount 1): once the last is consumed, everything routed before it has been too.
            await Eventually.True(() => seen.Ids.Contains("t4"), what: "the last wanted message");
            Assert.Equal(["t1", "t2", "t4"], seen.Ids);
            var keys = new List<string>();
            while (await channel.BasicGetAsync(subscriber, autoAck: true) is { } got)
            {
                keys.Add(got.RoutingKey);
                Assert.Equal($"t{keys.Count - 1}", JsonDocument.Parse(got.Body).RootElement.GetProperty("message").GetProperty("thingId").GetString());
            }
            Assert.Equal(kinds, keys);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private IHost Consumer(Uri amqp, Seen seen)
    {
        var builder = ServiceHosts.BusOnly(amqp, Exchange);
        builder.Configuration["Messaging:PrefetchCount"] = "1";
        builder.Services.AddSingleton(seen);
        builder.AddEventBus("routed", bus => bus.AddStreamConsumer<RoutedThingConsumer, RoutedThing>());
        return builder.Build();
    }

    public sealed class Seen
    {
        private readonly ConcurrentQueue<string> _ids = new();
        public IReadOnlyList<string> Ids => _ids.ToArray();
        public void Add(string id) => _ids.Enqueue(id);
    }

    [TakesRoutingKeys("wanted")]
    public sealed class RoutedThingConsumer(Seen seen) : IStreamConsumer<RoutedThing>
    {
        public static string StreamOf(RoutedThing message) => "things";

        public Task Consume(ConsumeContext<RoutedThing> context)
        {
            seen.Add(context.Message.ThingId);
            return Task.CompletedTask;
        }
    }

    private sealed class PassThrough : IIntegrationEventMapper
    {
        public object? Map(RecordedEvent recorded) => recorded.Data;
    }
}
