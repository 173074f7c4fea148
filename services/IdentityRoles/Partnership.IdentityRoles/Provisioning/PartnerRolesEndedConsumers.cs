using MassTransit;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;
using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The partnership is over before it began (the customer declined) or after (either side ended it): the partner loses
/// every role on the customer's subaccount and organization; the customer keeps its own. Idempotent (once per customer
/// record per resource), and safe against onboarding grants that arrive after it.
/// </summary>
public sealed class PartnerRolesEnded(CommandHandler commands, TimeProvider clock)
{
    // The subaccount's access stream, as SubaccountCreatedConsumer's: the grants there and this wait for each other.
    public static string LaneOf(string subaccountId) => AccessIds.Stream(ResourceTypes.BillingAccount, subaccountId);

    public async Task End(string customerId, string partnerAccountId, string subaccountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organizationId = OrganizationIds.ForCustomer(customerId);
        await commands.Handle<ResourceAccess, AccessCommand>(AccessIds.Stream(ResourceTypes.Organization, organizationId),
            new EndPartnership(ResourceTypes.Organization, organizationId, customerId, partnerAccountId, now), ct);
        await commands.Handle<ResourceAccess, AccessCommand>(LaneOf(subaccountId),
            new EndPartnership(ResourceTypes.BillingAccount, subaccountId, customerId, partnerAccountId, now), ct);
    }
}

public sealed class InvitationDeclinedConsumer(PartnerRolesEnded roles) : IStreamConsumer<Contract.InvitationDeclined>
{
    public static string StreamOf(Contract.InvitationDeclined message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<Contract.InvitationDeclined> context) =>
        roles.End(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId, context.CancellationToken);
}

public sealed class PartnershipEndedConsumer(PartnerRolesEnded roles) : IStreamConsumer<Contract.PartnershipEnded>
{
    public static string StreamOf(Contract.PartnershipEnded message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<Contract.PartnershipEnded> context) =>
        roles.End(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId, context.CancellationToken);
}
