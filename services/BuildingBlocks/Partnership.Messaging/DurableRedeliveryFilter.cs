using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Partnership.Messaging;

/// <summary>
/// A message whose handling failed (after the in-memory retries) for a reason that may pass waits in the broker, not
/// in memory: it is published to a wait queue of the consumer's queue ("&lt;queue&gt;_wait_&lt;seconds&gt;s", message TTL,
/// dead-lettered back to the queue's exchange), with growing delays, so it survives restarts and long outages. Only a
/// permanent failure (<see cref="FailureKinds"/>) or one still failing after GiveUpAfter goes on to the _error queue.
/// Every object involved starts with the queue's name, so it fits the service's broker permissions.
/// </summary>
public sealed class DurableRedeliveryFilter(string user, RedeliveryOptions options, ILogger logger) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (FailureKinds.IsPermanent(context.Exception)
            || !context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) || !context.TryGetPayload<ChannelContext>(out var channel))
        {
            await next.Send(context);
            return;
        }
        var headers = delivery.Properties.Headers;
        var redeliveries = int.TryParse(BrokerHeaders.Text(headers, BrokerHeaders.Redeliveries), out var n) ? n : 0;
        var firstFailedAt = long.TryParse(BrokerHeaders.Text(headers, BrokerHeaders.FirstFailedAt), out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow;
        if (DateTimeOffset.UtcNow - firstFailedAt > options.GiveUpAfter)
        {
            await next.Send(context);
            return;
        }
        var queue = context.InputAddress.AbsolutePath.Split('/')[^1];
        var delays = options.DelayList;
        var delay = delays.Count == 0 ? TimeSpan.FromSeconds(30) : delays[Math.Min(redeliveries, delays.Count - 1)];
        var wait = await DeclareWaitQueue(channel, queue, delay, context.CancellationToken);

        var properties = new BasicProperties(delivery.Properties) { UserId = user, Expiration = null };
        // Trusted on the way back only because the user-id is this service's own login (see PublisherCheckFilter).
        var moved = BrokerHeaders.WithOrigin(headers, delivery.Properties.UserId, delivery.Exchange);
        moved[BrokerHeaders.Redeliveries] = (redeliveries + 1).ToString();
        moved[BrokerHeaders.FirstFailedAt] = firstFailedAt.ToUnixTimeMilliseconds().ToString();
        moved[BrokerHeaders.LastError] = Clamp(context.Exception.Message);
        moved.Remove("x-death");
        properties.Headers = moved;
        await channel.BasicPublishAsync(wait, "", true, properties, context.GetBody(), true, context.CancellationToken);
        logger.LogWarning(context.Exception,
            "Message {MessageId} on {Queue} failed ({Error}); waiting {Delay} in the broker before delivery {Attempt} (first failure {FirstFailedAt:O})",
            delivery.Properties.MessageId, queue, context.Exception.Message, delay, redeliveries + 2, firstFailedAt);
        // Not passed on: the message is not moved to _error, and the delivery is acknowledged as handled.
    }

    private static async Task<string> DeclareWaitQueue(ChannelContext channel, string queue, TimeSpan delay, CancellationToken ct)
    {
        var name = $"{queue}_wait_{(long)delay.TotalSeconds}s";
        var arguments = new Dictionary<string, object>
        {
            ["x-message-ttl"] = (long)delay.TotalMilliseconds,
            // Back through the queue's own endpoint exchange (MassTransit binds it to the queue).
            ["x-dead-letter-exchange"] = queue,
        };
        await channel.ExchangeDeclare(name, ExchangeType.Fanout, true, false, new Dictionary<string, object>(), ct);
        await channel.QueueDeclare(name, true, false, false, arguments, ct);
        await channel.QueueBind(name, name, "", new Dictionary<string, object>(), ct);
        return name;
    }

    private static string Clamp(string text) => text.Length <= 500 ? text : text[..500];

    public void Probe(ProbeContext context) => context.CreateFilterScope("durableRedelivery");
}
