using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Onboarding.Provisioning;

public sealed class OrganizationCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<OrganizationCreatedIntegrationEvent>
{
    public static string StreamOf(OrganizationCreatedIntegrationEvent message) => CustomerIds.Stream(message.CustomerId);

    public Task Consume(ConsumeContext<OrganizationCreatedIntegrationEvent> context) =>
        commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(context.Message),
            new AssignOrganization(context.Message.OrganizationId, clock.GetUtcNow()), context.CancellationToken);
}
