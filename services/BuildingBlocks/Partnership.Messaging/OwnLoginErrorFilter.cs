using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Partnership.Messaging;

/// <summary>
/// Moves a message that failed every retry to the queue's _error queue, as MassTransit does, but stamped with
/// this service's broker user. MassTransit's own move republishes the delivery's properties unchanged, and
/// RabbitMQ refuses a publish whose user-id is another service's login: the channel would close, the message
/// come back, fail again, and never be parked.
/// </summary>
public sealed class OwnLoginErrorFilter(string user, ILogger logger) : IFilter<ExceptionReceiveContext>
{
    private static readonly Dictionary<string, object?> NoArguments = new();

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        await Move(context);
        var queue = context.InputAddress.AbsolutePath.Split('/')[^1];
        ErrorQueueMonitor.Parked(queue);
        logger.LogWarning(context.Exception,
            "Message {MessageId} on {Queue} can never succeed ({Error}); it is parked in {Queue}_error. After a fix, re-drive it with " +
            "POST /operations/messaging/redrive?queue={Queue} or the CLI's 'redrive'.",
            context.TransportHeaders.Get<string>("MessageId") ?? context.GetMessageId()?.ToString(), queue, context.Exception.Message, queue, queue);
        await next.Send(context);
    }

    private async Task Move(ExceptionReceiveContext context)
    {
        if (!context.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) || !context.TryGetPayload<ChannelContext>(out var channel)
            || delivery.Properties.UserId is null || delivery.Properties.UserId == user)
        {
            // Nothing to restamp: MassTransit's own error transport moves it.
            if (!context.TryGetPayload<IErrorTransport>(out var transport))
                throw new TransportException(context.InputAddress, "The IErrorTransport was not available on the ReceiveContext.");
            await transport.Send(context);
        }
        else
        {
            var ct = context.CancellationToken;
            var error = context.InputAddress.AbsolutePath.Split('/')[^1] + "_error";
            // The same durable fanout exchange and queue MassTransit declares for _error.
            await channel.ExchangeDeclare(error, ExchangeType.Fanout, true, false, NoArguments!, ct);
            await channel.QueueDeclare(error, true, false, false, NoArguments!, ct);
            await channel.QueueBind(error, error, "", NoArguments!, ct);
            var properties = new BasicProperties(delivery.Properties) { UserId = user };
            // Where it came from travels along, so a re-drive passes the publisher check (see BrokerHeaders).
            properties.Headers = BrokerHeaders.WithOrigin(properties.Headers, delivery.Properties.UserId, delivery.Exchange);
            foreach (var header in context.ExceptionHeaders.GetAll())
                properties.Headers[header.Key] = header.Value is string or int or long or bool ? header.Value : header.Value?.ToString();
            properties.Expiration = null;
            await channel.BasicPublishAsync(error, "", true, properties, context.GetBody(), true, ct);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("moveFaultAsOwnLogin");
}
