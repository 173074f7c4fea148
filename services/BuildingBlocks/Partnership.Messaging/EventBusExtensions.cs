using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Partnership.Messaging;

public static class EventBusExtensions
{
    /// <summary>
    /// MassTransit on the "rabbitmq" connection string, which logs in as the service's own broker user.
    /// Queues are named after the service, so two instances of one service compete for a message instead
    /// of each handling it. Every broker object the service creates starts with "&lt;service&gt;-", the
    /// prefix its broker permissions allow (see AppHost/Infrastructure/Provisioning/BrokerPermissions.cs).
    /// </summary>
    public static TBuilder AddEventBus<TBuilder>(this TBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
        var amqp = new Uri(connectionString);
        var identity = new BrokerIdentity(builder.Configuration, BrokerIdentity.UserFromUri(amqp));
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton<StreamLanes>();
        var queues = new ReceiveQueues();
        builder.Services.AddSingleton(queues);
        builder.Services.AddOptions<RedeliveryOptions>().BindConfiguration(RedeliveryOptions.Section);
        builder.Services.AddSingleton<ErrorQueueRedriver>();
        builder.Services.AddHostedService<ErrorQueueMonitor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReceiveProgress>();
        builder.Services.AddSingleton<StalledReceiveRestart>();
        builder.Services.AddOptions<IntegrationEventDeliveryOptions>().BindConfiguration(IntegrationEventDeliveryOptions.Section);
        builder.Services.AddHealthChecks().AddCheck<ReceivingHealthCheck>("receiving", tags: ["ready"]);
        builder.Services.AddMassTransit(x =>
        {
            consumers?.Invoke(x);
            // The broker away makes the service Degraded, not Unhealthy: what is committed waits and goes out when it returns.
            x.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);
            EnsurePermitted(serviceName, builder.Services);
            StreamLanes.EnsureLaned(builder.Services);
            // A Fault<T> would go to a "MassTransit:Fault--..." exchange this user may not write to (the
            // broker would close the channel); failures are kept in the queue's _error queue instead.
            x.AddConfigureEndpointsCallback((context, name, cfg) =>
            {
                cfg.PublishFaults = false;
                queues.Add(name);
                var logger = context.GetRequiredService<ILoggerFactory>().CreateLogger("Partnership.Messaging.FailedMessages");
                var redelivery = context.GetRequiredService<IOptions<RedeliveryOptions>>().Value;
                // A failure that may pass waits in the broker (durable, growing delays); what can never succeed, or still
                // fails after Messaging:Redelivery:GiveUpAfter, is parked in the queue's _error queue, loudly.
                cfg.ConfigureError(error =>
                {
                    error.UseFilter(new DurableRedeliveryFilter(identity.User, redelivery, logger));
                    error.UseFilter(new OwnLoginErrorFilter(identity.User, logger));
                });
                // A message no consumer here takes (another type on a queue) is dropped, not moved to _skipped: the
                // move would republish it under its publisher's user-id, which the broker refuses from this login.
                cfg.DiscardSkippedMessages();
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(amqp);
                // The temporary bus endpoint queue would be named after the host and process; the prefix keeps
                // it inside what the service's broker user may declare.
                cfg.OverrideDefaultBusEndpointQueueName($"{serviceName}-bus-{Guid.NewGuid():N}");
                // Every exchange the service owns exists once it is healthy, not only after its first publish.
                cfg.AddPublishMessageTypes(IntegrationEventPublishers.ContractsOf(serviceName));
                cfg.DeployPublishTopology = true;
                // RabbitMQ checks user-id against the login, so consumers can trust it as the publisher's name.
                cfg.ConfigurePublish(p => p.UseExecute(send => StampUser(send, identity.User)));
                cfg.ConfigureSend(s => s.UseExecute(send => StampUser(send, identity.User)));
                // Before retry: a refused message is not worth retrying.
                cfg.UseConsumeFilter(typeof(PublisherCheckFilter<>), context);
                cfg.ConnectConsumeObserver(new QueueAge.Observer(context.GetRequiredService<ReceiveProgress>()));
                // Transient faults (a restarting database) are first retried in place; what still fails waits in the
                // broker (DurableRedeliveryFilter): nothing accepted is dropped.
                var retries = builder.Configuration.GetValue("Messaging:RetryLimit", 12);
                if (retries > 0)
                    cfg.UseMessageRetry(r => r.Exponential(retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
                // MassTransit's default is min(2 x cores, 16) messages in flight per queue: 4 on this 2-core machine, which
                // capped each consumer at 4 / (its latency) messages a second while the cores sat idle. Messages of one
                // stream still wait in their lane; more in flight lets group commit gather them into fewer commits.
                cfg.PrefetchCount = builder.Configuration.GetValue<ushort>("Messaging:PrefetchCount", 64);
                cfg.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(serviceName, false));
            });
        });
        return builder;
    }

    /// <summary>
    /// A consumer of an exchange the service's broker user may not bind from would fail at start with a bare
    /// ACCESS_REFUSED; this says which exchange to add to IntegrationEventPublishers.ConsumedBy instead.
    /// </summary>
    private static void EnsurePermitted(string serviceName, IServiceCollection services)
    {
        if (!IntegrationEventPublishers.ConsumedBy.TryGetValue(serviceName, out var permitted)) return;
        var missing = services.Select(d => d.ServiceType).Where(t => t is { IsInterface: false, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => IntegrationEventPublishers.ExchangeOf(i.GetGenericArguments()[0]) ?? i.GetGenericArguments()[0].FullName!)
            .Distinct().Except(permitted).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{serviceName} consumes {string.Join(", ", missing)}, which its broker user may not " +
                "bind from: add the exchange to IntegrationEventPublishers.ConsumedBy (services/BuildingBlocks/Partnership.Messaging).");
    }

    private static void StampUser(SendContext send, string user)
    {
        if (send.TryGetPayload<RabbitMqSendContext>(out var rabbit)) rabbit.BasicProperties.UserId = user;
    }
}
