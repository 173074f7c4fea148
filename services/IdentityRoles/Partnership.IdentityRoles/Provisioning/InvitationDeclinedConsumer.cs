using MassTransit;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;
using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The customer declined: the partner loses every role on the customer's subaccount and organization; the customer keeps
/// its own. Idempotent (once per customer record per resource), and safe against the onboarding grants arriving after it.
/// </summary>
public sealed class InvitationDeclinedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<Contract.InvitationDeclined>
{
    // The subaccount's access stream, as SubaccountCreatedConsumer's: the grants there and this wait for each other.
    public static string StreamOf(Contract.InvitationDeclined message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.SubaccountId);

    public async Task Consume(ConsumeContext<Contract.InvitationDeclined> context)
    {
        var message = context.Message;
        var now = clock.GetUtcNow();
        var organizationId = OrganizationIds.ForCustomer(message.CustomerId);
        await commands.Handle<ResourceAccess, AccessCommand>(AccessIds.Stream(ResourceTypes.Organization, organizationId),
            new EndPartnership(ResourceTypes.Organization, organizationId, message.CustomerId, message.PartnerAccountId, now),
            context.CancellationToken);
        await commands.Handle<ResourceAccess, AccessCommand>(StreamOf(message),
            new EndPartnership(ResourceTypes.BillingAccount, message.SubaccountId, message.CustomerId, message.PartnerAccountId, now),
            context.CancellationToken);
    }
}
