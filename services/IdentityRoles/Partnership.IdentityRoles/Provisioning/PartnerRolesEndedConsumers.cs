using MassTransit;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

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

    /// <param name="invitation">The invitation declined or expired; 0 when the partnership itself ended.</param>
    public async Task End(string customerId, string partnerAccountId, string subaccountId, int invitation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organizationId = OrganizationIds.ForCustomer(customerId);
        await commands.Handle<ResourceAccessBindings, AccessCommand>(AccessIds.Stream(ResourceTypes.Organization, organizationId),
            new EndPartnership(ResourceTypes.Organization, organizationId, customerId, partnerAccountId, now, invitation), ct);
        await commands.Handle<ResourceAccessBindings, AccessCommand>(LaneOf(subaccountId),
            new EndPartnership(ResourceTypes.BillingAccount, subaccountId, customerId, partnerAccountId, now, invitation), ct);
    }

    /// <summary>A reinvitation: the partner's two default roles (as onboarding granted them) come back.</summary>
    public async Task Restore(string customerId, string partnerAccountId, string subaccountId, int invitation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organizationId = OrganizationIds.ForCustomer(customerId);
        await commands.Handle<ResourceAccessBindings, AccessCommand>(AccessIds.Stream(ResourceTypes.Organization, organizationId),
            new RestorePartnership(ResourceTypes.Organization, organizationId, customerId, partnerAccountId, RoleIds.OrganizationsOwner,
                invitation, now), ct);
        await commands.Handle<ResourceAccessBindings, AccessCommand>(LaneOf(subaccountId),
            new RestorePartnership(ResourceTypes.BillingAccount, subaccountId, customerId, partnerAccountId, RoleIds.BillingAccountsOwner,
                invitation, now), ct);
    }
}

public sealed class InvitationDeclinedConsumer(PartnerRolesEnded roles) : IStreamConsumer<InvitationDeclinedIntegrationEvent>
{
    public static string StreamOf(InvitationDeclinedIntegrationEvent message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<InvitationDeclinedIntegrationEvent> context) =>
        roles.End(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId,
            Math.Max(1, context.Message.Invitation), context.CancellationToken);
}

/// <summary>An expired invitation is treated as a declined one.</summary>
public sealed class InvitationExpiredConsumer(PartnerRolesEnded roles) : IStreamConsumer<InvitationExpiredIntegrationEvent>
{
    public static string StreamOf(InvitationExpiredIntegrationEvent message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<InvitationExpiredIntegrationEvent> context) =>
        roles.End(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId,
            Math.Max(1, context.Message.Invitation), context.CancellationToken);
}

public sealed class CustomerReinvitedConsumer(PartnerRolesEnded roles) : IStreamConsumer<CustomerReinvitedIntegrationEvent>
{
    public static string StreamOf(CustomerReinvitedIntegrationEvent message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<CustomerReinvitedIntegrationEvent> context) =>
        roles.Restore(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId, context.Message.Invitation,
            context.CancellationToken);
}

public sealed class PartnershipEndedConsumer(PartnerRolesEnded roles) : IStreamConsumer<PartnershipEndedIntegrationEvent>
{
    public static string StreamOf(PartnershipEndedIntegrationEvent message) => PartnerRolesEnded.LaneOf(message.SubaccountId);

    public Task Consume(ConsumeContext<PartnershipEndedIntegrationEvent> context) =>
        roles.End(context.Message.CustomerId, context.Message.PartnerAccountId, context.Message.SubaccountId, 0, context.CancellationToken);
}
