using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

public static class IntegrationEventDeliveryExtensions
{
    /// <summary>
    /// Publishes the service's integration events on commit. The catch-up (<see cref="IntegrationEventForwarder"/>,
    /// registered with the event store) needs the same pieces, so a service with a forwarder calls this too.
    /// </summary>
    public static IHostApplicationBuilder AddIntegrationEventDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntegrationEventDeliveryOptions>().BindConfiguration(IntegrationEventDeliveryOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IntegrationEventPublisher>();
        builder.Services.AddSingleton<PublishedEventRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublishedEventRecorder>());
        builder.Services.AddSingleton<StreamParking>();
        builder.Services.AddHostedService<ParkedStreamResumer>();
        builder.Services.AddSingleton<DeliveryProgress>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryProgress>());
        builder.Services.AddHealthChecks().AddCheck<DeliveryHealthCheck>("delivery", tags: ["ready"]);
        builder.Services.AddSingleton<IntegrationEventDispatcher>();
        builder.Services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<IntegrationEventDispatcher>());
        return builder;
    }
}
