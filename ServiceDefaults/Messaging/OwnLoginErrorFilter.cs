using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.Transports;
using RabbitMQ.Client;

namespace Partnership.ServiceDefaults.Messaging;

/// <summary>
/// Moves a message that failed every retry to the queue's _error queue, as MassTransit does, but stamped with
/// this service's broker user. MassTransit's own move republishes the delivery's properties unchanged, and
/// RabbitMQ refuses a publish whose user-id is another service's login: the channel would close, the message
/// come back, fail again, and never be parked.
/// </summary>
public sealed class OwnLoginErrorFilter(string user) : IFilter<ExceptionReceiveContext>
{
    private static readonly Dictionary<string, object?> NoArguments = new();

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
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
            properties.Headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>());
            foreach (var header in context.ExceptionHeaders.GetAll())
                properties.Headers[header.Key] = header.Value is string or int or long or bool ? header.Value : header.Value?.ToString();
            properties.Expiration = null;
            await channel.BasicPublishAsync(error, "", true, properties, context.GetBody(), true, ct);
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("moveFaultAsOwnLogin");
}
