using MassTransit;
using Microsoft.Extensions.Hosting;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The catalogue behind the broker permissions and the publisher check: every integration event has an
/// owner (static classes of constants and attributes beside them are not events), and a service cannot start with a consumer its broker user may not bind for.
/// </summary>
public sealed class BrokerCatalogueTests
{
    private static readonly Type[] Records = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CustomerCreatedIntegrationEvent).Namespace && t is { IsClass: true, IsPublic: true, IsAbstract: false }
            && !typeof(Attribute).IsAssignableFrom(t))
        .ToArray();

    // A record only ever found inside events (OrganizationCreated.defaultBindings' items) is a part of them, not an event.
    private static readonly Type[] IntegrationEvents = Records.Except(Records.SelectMany(r => r.GetProperties())
        .Select(p => p.PropertyType.IsGenericType ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType)).ToArray();

    [Fact]
    public void Every_integration_event_has_an_exchange_with_an_owner_and_every_owned_exchange_an_event()
    {
        var exchanges = IntegrationEvents.Select(t => IntegrationEventPublishers.ExchangeOf(t) ?? $"(none on {t.Name})").ToList();
        Assert.Equal(IntegrationEventPublishers.OwnerOfExchange.Keys.Order(), exchanges.Order());
    }

    [Fact]
    public void A_service_consumes_only_catalogued_exchanges_of_other_services()
    {
        foreach (var (service, exchanges) in IntegrationEventPublishers.ConsumedBy)
        foreach (var exchange in exchanges)
            Assert.NotEqual(service, Assert.Contains(exchange, IntegrationEventPublishers.OwnerOfExchange));
    }

    [Fact]
    public void The_Customer_services_consumers_are_the_exchanges_its_broker_user_may_bind_from_and_its_retired_ones_those_it_drains()
    {
        var consumers = typeof(Partnership.CustomerService.Extensions).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => (Retired: RetiredAttribute.On(t), Exchange: IntegrationEventPublishers.ExchangeOf(i.GetGenericArguments()[0]))))
            .ToList();
        Assert.Equal(IntegrationEventPublishers.ConsumedBy[IntegrationEventPublishers.Customer].Order(), consumers.Select(c => c.Exchange).Order());
        Assert.Equal(IntegrationEventPublishers.DrainedBy[IntegrationEventPublishers.Customer].Order(),
            consumers.Where(c => c.Retired).Select(c => c.Exchange).Order());
    }

    [Fact]
    public void A_service_drains_only_exchanges_it_may_bind_from() =>
        Assert.All(IntegrationEventPublishers.DrainedBy, d => Assert.Subset(IntegrationEventPublishers.ConsumedBy[d.Key].ToHashSet(), d.Value.ToHashSet()));

    [Fact]
    public void A_service_with_a_consumer_of_an_exchange_it_may_not_bind_from_does_not_start()
    {
        Bus(bus => bus.AddConsumer<CustomerProvisionedProbe>());
        var refusal = Assert.Throws<InvalidOperationException>(() => Bus(bus => bus.AddConsumer<AccountRegisteredProbe>()));
        Assert.Contains("partnership.account-registered.v1", refusal.Message);

        static void Bus(Action<IBusRegistrationConfigurator> consumers)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["ConnectionStrings:rabbitmq"] = "amqp://notification:unused@127.0.0.1:1/";
            builder.AddEventBus(IntegrationEventPublishers.Notification, consumers);
        }
    }

    public sealed class CustomerProvisionedProbe : IConsumer<CustomerProvisionedIntegrationEvent>
    {
        public Task Consume(ConsumeContext<CustomerProvisionedIntegrationEvent> context) => Task.CompletedTask;
    }

    public sealed class AccountRegisteredProbe : IConsumer<AccountRegisteredIntegrationEvent>
    {
        public Task Consume(ConsumeContext<AccountRegisteredIntegrationEvent> context) => Task.CompletedTask;
    }
}
