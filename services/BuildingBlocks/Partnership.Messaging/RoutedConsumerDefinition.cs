using MassTransit;
using RabbitMQ.Client;

namespace Partnership.Messaging;

/// <summary>
/// Binds the queue of a consumer marked <see cref="TakesRoutingKeysAttribute"/> through a direct exchange of its own
/// ("&lt;queue&gt;-routed", inside the service's broker prefix): message exchange (fanout) → "&lt;queue&gt;-routed" (direct,
/// one binding per key taken, and "" for messages published before the key) → the queue's exchange → the queue.
/// A queue bound before this had the message exchange bound to its exchange directly, which would still bring it
/// everything: that binding is removed once the new path is in place (a message routed both ways reaches the queue once).
/// </summary>
public sealed class RoutedConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage> where TMessage : class
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit) return;
        var keys = TakesRoutingKeysAttribute.Of(typeof(TConsumer))
            ?? throw new InvalidOperationException($"{typeof(TConsumer).Name} has no [TakesRoutingKeys].");
        var (exchange, queue) = ExchangeBindingRemover.TakeOver<TMessage>(rabbit, context, GetType());
        var routed = $"{queue}-routed";

        foreach (var key in keys.Append("").Distinct())
            rabbit.Bind(routed, direct =>
            {
                direct.ExchangeType = ExchangeType.Direct;
                direct.RoutingKey = key;
                direct.Bind(exchange, fanout =>
                {
                    fanout.ExchangeType = ExchangeType.Fanout;
                    fanout.RoutingKey = "";
                });
            });
    }
}
