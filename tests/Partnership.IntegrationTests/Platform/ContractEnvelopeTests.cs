using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Partnership.Contracts.IntegrationEvents;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// What MassTransit puts on RabbitMQ for each contract record, read with a plain client as another team would: the
/// record's exchange, and the messageType it was published with before the .NET names took the IntegrationEvent suffix
/// (MassTransit subscribers match on it).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ContractEnvelopeTests(TestInfrastructure infra)
{
    private static readonly Type[] Records = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes()
        .Where(t => IntegrationEventPublishers.ExchangeOf(t) is not null).ToArray();

    [Fact]
    public async Task Every_record_goes_out_on_its_exchange_with_the_messageType_named_without_the_IntegrationEvent_suffix()
    {
        var amqp = await infra.CreateVirtualHost("urn");
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var record in Records)
        {
            await channel.ExchangeDeclareAsync(IntegrationEventPublishers.ExchangeOf(record)!, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, IntegrationEventPublishers.ExchangeOf(record)!, "");
        }
        var received = new ConcurrentDictionary<string, string[]>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            received[delivery.Exchange] = envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!).ToArray();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(amqp));
        await bus.StartAsync();
        try
        {
            foreach (var record in Records) await bus.Publish(Sample(record), record);
            await Eventually.True(() => received.Count == Records.Length, what: "a message on every record's exchange");
        }
        finally
        {
            await bus.StopAsync();
        }

        Assert.Equal(30, Records.Length);
        foreach (var record in Records)
            Assert.Equal([$"urn:message:Partnership.Contracts.IntegrationEvents:{record.Name[..^"IntegrationEvent".Length]}"],
                received[IntegrationEventPublishers.ExchangeOf(record)!]);
        Assert.Equal(["urn:message:Partnership.Contracts.IntegrationEvents:CloudCreated"], received["partnership.cloud-created.v1"]);
    }

    private static object Sample(Type record)
    {
        var constructor = record.GetConstructors().Single();
        return constructor.Invoke(constructor.GetParameters().Select(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) switch
        {
            var t when t == typeof(string) => p.Name!,
            var t when t == typeof(decimal) => 1.5m,
            var t when t == typeof(int) => 1,
            var t when t == typeof(long) => 1L,
            var t when t == typeof(DateTimeOffset) => (object)DateTimeOffset.UnixEpoch,
            var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => Array.CreateInstance(t.GetGenericArguments()[0], 0),
            var t => throw new NotSupportedException($"No sample for {t.Name} ({record.Name}.{p.Name})."),
        }).ToArray());
    }
}
