using MassTransit;
using Partnership.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// Retired: <see cref="SubaccountCreatedConsumer"/> creates the organization now, once the subaccount exists, with every
/// default binding on its announcement. This finishes the CustomerCreated messages an upgrade found queued, as the build
/// before did (the organization and its owners; the subaccount's roles follow its SubaccountCreated). Idempotent by
/// construction: the organization ID derives from the customer ID, a second create finds the stream there, and roles
/// already held are not granted again.
/// </summary>
[Retired("the organization is created on SubaccountCreated")]
public sealed class CustomerCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<CustomerCreatedIntegrationEvent>
{
    // The organization and the grants on it: both streams belong to the organization, and no other consumer writes them.
    public static string StreamOf(CustomerCreatedIntegrationEvent message) => OrganizationIds.Stream(OrganizationIds.ForCustomer(message.CustomerId));

    public async Task Consume(ConsumeContext<CustomerCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var now = clock.GetUtcNow();
        var organizationId = OrganizationIds.ForCustomer(message.CustomerId);
        await commands.Handle<OrganizationRecord, OrganizationCommand>(StreamOf(message),
            new CreateCustomerOrganization(organizationId, message.CustomerId, message.CustomerName, message.PartnerAccountId,
                message.CustomerAccountId, now), context.CancellationToken);
        var grants = GrantRoles.ForCustomerOrganization(organizationId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, now);
        await commands.Handle<ResourceAccessBindings, AccessCommand>(AccessIds.Stream(grants.ResourceType, grants.ResourceId), grants,
            context.CancellationToken);
    }
}
