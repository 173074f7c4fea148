using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Partnership.Testing;

public sealed record TappedEvent(string Exchange, string? MessageId, JsonElement Message, byte[] Body);

/// <summary>
/// What another team's system does: binds its own queue to our published exchanges and reads the
/// MassTransit envelopes with a plain RabbitMQ client.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    public static readonly string[] Exchanges =
    [
        "partnership.account-registered.v1", "partnership.partner-status-assigned.v1", "partnership.partner-status-withdrawn.v1",
        "partnership.organization-created.v1",
        "partnership.access-binding-granted.v1", "partnership.access-binding-revoked.v1", "partnership.billing-account-created.v1",
        "partnership.switched-to-paid-consumption.v1", "partnership.subaccount-created.v1", "partnership.customer-created.v1",
        "partnership.customer-provisioned.v1", "partnership.partnership-confirmed.v1", "partnership.confirmation-email-sent.v1",
        "partnership.confirmation-email-delivery-unknown.v1", "partnership.confirmation-email-failed.v1", "partnership.cloud-created.v1",
        "partnership.cloud-linked.v1", "partnership.charge-recorded.v1", "partnership.outstanding-paid.v1",
        "partnership.invitation-declined.v1", "partnership.invitation-expired.v1", "partnership.customer-reinvited.v1", "partnership.partnership-ended.v1", "partnership.partnership-suspended.v1",
        "partnership.partnership-resumed.v1",
        // Version 2 of the events with money (two-place decimal strings), published beside version 1.
        "partnership.billing-account-created.v2", "partnership.switched-to-paid-consumption.v2", "partnership.cloud-linked.v2",
        "partnership.charge-recorded.v2", "partnership.outstanding-paid.v2",
    ];

    private IConnection _connection = null!;
    private IChannel _channel = null!;
    public ConcurrentQueue<TappedEvent> Events { get; } = new();

    /// <summary>Called on the consumer's thread for each event: lets a load driver signal completion without polling.</summary>
    public event Action<TappedEvent>? Received;

    public static async Task<EventTap> Bind(Uri amqp, IReadOnlyList<string> exchanges)
    {
        var tap = new EventTap();
        tap._connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        tap._channel = await tap._connection.CreateChannelAsync();
        var queue = (await tap._channel.QueueDeclareAsync("e2e-tap-" + Guid.NewGuid().ToString("N"), durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in exchanges)
        {
            // MassTransit declares these as durable fanout exchanges; declaring the same is idempotent.
            await tap._channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await tap._channel.QueueBindAsync(queue, exchange, "");
        }
        var consumer = new AsyncEventingBasicConsumer(tap._channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var tapped = new TappedEvent(delivery.Exchange, envelope.RootElement.GetProperty("messageId").GetString(),
                envelope.RootElement.GetProperty("message").Clone(), delivery.Body.ToArray());
            tap.Events.Enqueue(tapped);
            tap.Received?.Invoke(tapped);
            return Task.CompletedTask;
        };
        await tap._channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return tap;
    }

    public IReadOnlyList<TappedEvent> For(string exchange, string field, string value) =>
        Events.Where(e => e.Exchange == exchange && e.Message.TryGetProperty(field, out var v) && v.GetString() == value).ToList();

    /// <summary>Publishes a body again to its exchange, as a redelivery or a duplicate would arrive.</summary>
    public async Task Republish(string exchange, byte[] body)
    {
        await _channel.BasicPublishAsync(exchange, "", mandatory: false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true }, body);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
