using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Authorization;
using Partnership.ServiceDefaults.Grpc;
using Partnership.Messaging;
using Partnership.Messaging.CatchUp;

namespace Partnership.EventSourcing.Marten.Hosting;

/// <summary>
/// What every service of ours is, registered once: a gRPC API behind its caller policy and our issuer's tokens, an
/// event store in its own schema, its integration events published on commit (with the checkpointed catch-up behind
/// them and the Subscribe API), and the consumers of other services' events (every consumer the service's assembly, the
/// mapper's, defines). A service's own wiring is left with what is its own: options, handlers, read models, gRPC clients.
/// </summary>
public static class EventSourcedServiceExtensions
{
    /// <returns>The event store's configuration, to add read models and further catch-up subscribers to.</returns>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventSourcedService<TMapper>(
        this WebApplicationBuilder builder, string serviceName, EventTypeRegistry events, CallerPolicy policy,
        Action<StoreOptions>? configureStore = null)
        where TMapper : class, IIntegrationEventMapper
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGrpcDefaults();
        builder.AddCallerPolicy(policy);
        builder.AcceptTokensFor(serviceName);
        var store = builder.AddEventStore(serviceName, events, configureStore)
            .AddCatchUpSubscriber<IntegrationEventForwarder>();
        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        builder.AddIntegrationEventDelivery();
        builder.AddIntegrationEventCatchUp(serviceName);
        builder.AddEventBus(serviceName, bus => bus.AddConsumersOf(typeof(TMapper).Assembly));
        return store;
    }

    /// <summary>The endpoints every event-sourced service serves besides its own gRPC services.</summary>
    public static WebApplication MapEventSourcedService(this WebApplication app)
    {
        app.MapIntegrationEvents();
        app.MapMessagingOperations();
        // Operators rebuild read models where there are any.
        if (app.Services.GetService<ReadModelRebuilds>() is not null) app.MapReadModelOperations();
        return app;
    }
}
