using MassTransit;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Onboarding.Provisioning;

public sealed class OrganizationCreatedConsumer(CommandHandler commands, TimeProvider clock) : IConsumer<Contract.OrganizationCreated>
{
    public Task Consume(ConsumeContext<Contract.OrganizationCreated> context) =>
        commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(context.Message.CustomerId),
            new AssignOrganization(context.Message.OrganizationId, clock.GetUtcNow()), context.CancellationToken);
}
