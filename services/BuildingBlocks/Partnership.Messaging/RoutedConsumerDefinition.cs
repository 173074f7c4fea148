using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var exchange = IntegrationEventPublishers.ExchangeOf(typeof(TMessage))
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no [EntityName].");
        var queue = endpoint.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        var routed = $"{queue}-routed";

        rabbit.ConfigureMessageTopology<TMessage>(false);
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
        rabbit.ConnectReceiveEndpointObserver(new DirectBindingRemover(
            new Uri(context.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!), exchange, queue,
            context.GetRequiredService<ILoggerFactory>().CreateLogger<RoutedConsumerDefinition<TConsumer, TMessage>>()));
    }

    /// <summary>Once the endpoint is ready (its new bindings declared), unbinds the message exchange from the queue's exchange.</summary>
    private sealed class DirectBindingRemover(Uri amqp, string exchange, string queue, ILogger logger) : IReceiveEndpointObserver
    {
        private int _removed;

        public async Task Ready(ReceiveEndpointReady ready)
        {
            if (Volatile.Read(ref _removed) == 1) return;
            try
            {
                await using var connection = await new ConnectionFactory { Uri = amqp, ClientProvidedName = "partnership-topology" }
                    .CreateConnectionAsync();
                await using var channel = await connection.CreateChannelAsync();
                await channel.ExchangeUnbindAsync(destination: queue, source: exchange, routingKey: "");
                Volatile.Write(ref _removed, 1);
            }
            catch (Exception e)
            {
                // Harmless meanwhile (the queue gets everything, as before, and its consumer drops what it does not take); tried at the next Ready.
                logger.LogWarning(e, "Could not remove the binding of {Exchange} to {Queue}'s exchange; will try again when it is next ready", exchange, queue);
            }
        }

        public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
        public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
        public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
    }
}
