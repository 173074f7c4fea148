using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Partnership.Messaging;

/// <summary>
/// Once a receive endpoint is ready, unbinds a message exchange from the queue's own exchange: the binding an earlier
/// build declared, which MassTransit never removes by itself. A binding, or an exchange, that is not there is what the
/// removal wants, so it counts as done.
/// </summary>
internal sealed class ExchangeBindingRemover(Uri amqp, string exchange, string queue, ILogger logger) : IReceiveEndpointObserver
{
    /// <summary>
    /// What a consumer definition that binds its queue itself (routed) or not at all (retired) starts from: the message's
    /// exchange and the queue, MassTransit's own binding of the two turned off, and the old one removed once the endpoint
    /// is ready.
    /// </summary>
    public static (string Exchange, string Queue) TakeOver<TMessage>(IRabbitMqReceiveEndpointConfigurator endpoint, IRegistrationContext context,
        Type definition) where TMessage : class
    {
        var exchange = IntegrationEventPublishers.ExchangeOf(typeof(TMessage))
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no [EntityName].");
        var queue = endpoint.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        endpoint.ConfigureMessageTopology<TMessage>(false);
        endpoint.ConnectReceiveEndpointObserver(new ExchangeBindingRemover(
            new Uri(context.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!), exchange, queue,
            context.GetRequiredService<ILoggerFactory>().CreateLogger(definition)));
        return (exchange, queue);
    }

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
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            Volatile.Write(ref _removed, 1);
        }
        catch (Exception e)
        {
            // Harmless meanwhile (the queue gets everything, as before, and its consumer drops or handles what it gets); tried
            // at the next Ready.
            logger.LogWarning(e, "Could not remove the binding of {Exchange} to {Queue}'s exchange; will try again when it is next ready", exchange, queue);
        }
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
