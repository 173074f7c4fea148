using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Partnership.ServiceDefaults.Messaging;

public static class EventBusExtensions
{
    /// <summary>
    /// MassTransit on the "rabbitmq" connection string. Queues are named after the service, so two
    /// instances of one service compete for a message instead of each handling it.
    /// </summary>
    public static TBuilder AddEventBus<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
        builder.Services.AddMassTransit(x =>
        {
            consumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connectionString));
                // Transient faults (a restarting database) are retried in place; what still fails lands in
                // the queue's _error queue, kept for an operator: nothing accepted is dropped.
                cfg.UseMessageRetry(r => r.Exponential(12, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
                cfg.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(serviceName, false));
            });
        });
        return builder;
    }
}
