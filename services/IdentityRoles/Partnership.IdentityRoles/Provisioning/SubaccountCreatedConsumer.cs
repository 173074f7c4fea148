using MassTransit;
using Partnership.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// Provisions what Identity/Roles gives a customer record once its subaccount exists: billing.accounts.owner to the
/// partner and admin to the customer on the subaccount; the organization "For subaccount '&lt;name&gt;'", the partner and
/// the customer its owners. The grants (on the subaccount and on the organization, appended together) come first, so
/// the organization's announcement can carry every default binding: the Customer service learns provisioning from it
/// and SubaccountCreated alone, one message instead of six. Idempotent:
/// roles already held are not granted again, and the organization ID derives from the customer ID, so a redelivery
/// finds it there; a crash between the steps is completed by the redelivery.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<SubaccountCreatedIntegrationEvent>
{
    public static string StreamOf(SubaccountCreatedIntegrationEvent message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.SubaccountId);

    public Task Consume(ConsumeContext<SubaccountCreatedIntegrationEvent> context) => Provision(context.Message, context.CancellationToken);

    public async Task Provision(SubaccountCreatedIntegrationEvent message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var subaccount = GrantRoles.ForCustomerSubaccount(message.SubaccountId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, now);
        // A subaccount opened before the name travelled with it: its organization came from CustomerCreated (the retired
        // consumer drains what an upgrade left queued), as in the build that opened it.
        if (message.CustomerName is not { } name)
        {
            await commands.Handle<ResourceAccessBindings, AccessCommand>(StreamOf(message), subaccount, ct);
            return;
        }

        var organizationId = OrganizationIds.ForCustomer(message.CustomerId);
        var organization = GrantRoles.ForCustomerOrganization(organizationId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, now);
        // The two grants are on streams of their own: appended together they share a group commit, one commit wait
        // before the organization's instead of two in series. Either failing fails the message, and its redelivery
        // finds what the other stored.
        var grantingSubaccount = commands.Handle<ResourceAccessBindings, AccessCommand>(StreamOf(message), subaccount, ct);
        var grantingOrganization = commands.Handle<ResourceAccessBindings, AccessCommand>(
            AccessIds.Stream(organization.ResourceType, organization.ResourceId), organization, ct);
        await Task.WhenAll(grantingSubaccount, grantingOrganization);
        var (onSubaccount, onOrganization) = (await grantingSubaccount, await grantingOrganization);
        await commands.Handle<OrganizationRecord, OrganizationCommand>(OrganizationIds.Stream(organizationId),
            new CreateCustomerOrganization(organizationId, message.CustomerId, name, message.PartnerAccountId, message.CustomerAccountId,
                now, [.. subaccount.HeldIn(onSubaccount.State), .. organization.HeldIn(onOrganization.State)]),
            ct);
    }
}
