using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing.Marten;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>Two small services wired with the production extensions: a sender with a forwarder, a receiver with a consumer.</summary>
public static class ServiceHosts
{
    /// <param name="settings">Configuration on top of the defaults, e.g. "Messaging:Delivery:OnCommit" = "false".</param>
    /// <param name="eventTypes">The event types this build knows; the test registry unless given.</param>
    public static IHost Sender(string postgres, Uri amqp, IIntegrationEventMapper mapper, IReadOnlyDictionary<string, string?>? settings = null,
        Partnership.EventSourcing.EventTypeRegistry? eventTypes = null)
    {
        var builder = Builder(postgres, amqp);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventStore("sender", eventTypes ?? TestEventTypes.Registry()).AddCatchUpSubscriber<IntegrationEventForwarder>();
        builder.Services.AddSingleton(mapper);
        builder.AddIntegrationEventDelivery();
        builder.AddEventBus("sender");
        return builder.Build();
    }

    public static IHost Receiver(string postgres, Uri amqp, ConsumerProbe probe)
    {
        var builder = Builder(postgres, amqp);
        builder.AddEventStore("receiver", TestEventTypes.Registry());
        builder.Services.AddSingleton(probe);
        builder.AddEventBus("receiver", bus => bus.AddConsumer<ThingConsumer>());
        return builder.Build();
    }

    /// <summary>
    /// A service with a bus and no store, taking messages of <paramref name="exchanges"/>, which a "sender" logged in as the
    /// test's broker user owns; add its consumers and their collaborators, then build.
    /// </summary>
    public static HostApplicationBuilder BusOnly(Uri amqp, params string[] exchanges)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        foreach (var exchange in exchanges) builder.Configuration[$"Messaging:ExchangeOwners:{exchange}"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        return builder;
    }

    private static HostApplicationBuilder Builder(string postgres, Uri amqp)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = postgres;
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        // The test's own exchange belongs to the sender, which logs in as the test node's user.
        builder.Configuration["Messaging:ExchangeOwners:partnership-tests.thing-published.v1"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        return builder;
    }
}
