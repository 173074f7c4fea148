using MassTransit;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Onboarding.Provisioning;

public sealed class OrganizationCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<Contract.OrganizationCreated>
{
    public static string StreamOf(Contract.OrganizationCreated message) => CustomerIds.Stream(message.CustomerId);

    public Task Consume(ConsumeContext<Contract.OrganizationCreated> context) =>
        commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(context.Message),
            new AssignOrganization(context.Message.OrganizationId, clock.GetUtcNow()), context.CancellationToken);
}
