using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class PartnershipLifecycleTests(PartnershipSystem system)
{
    [Fact]
    public async Task The_customer_declines_the_partner_loses_its_roles_and_the_subaccount_is_never_billed()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        var record = await system.Provisioned(partner, created.CustomerId);
        await system.OwnedBy(partner, ResourceType.BillingAccount, record.SubaccountId, "billing.accounts.owner");
        await system.OwnedBy(partner, ResourceType.Organization, record.OrganizationId, "organization-manager.organizations.owner");

        // Neither the partner nor a stranger can decline for the customer: both are answered as for no such subaccount.
        foreach (var other in new[] { partner, await system.RegisterAccount("stranger") })
        {
            var refused = await Scenario.Refused(() => system.Customers.DeclineInviteAsync(
                new DeclineInviteRequest { SubaccountId = record.SubaccountId }, other.Auth).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }

        var declined = await system.Customers.DeclineInviteAsync(new DeclineInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
        Assert.Equal(CustomerStatus.Declined, declined.Status);
        var again = await system.Customers.DeclineInviteAsync(new DeclineInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
        Assert.Equal(declined.Version, again.Version);
        await Eventually.True(() => system.Tap.For("partnership.invitation-declined.v1", "customerId", created.CustomerId).Count == 1,
            what: "InvitationDeclined");

        // The partner's roles go; the customer keeps admin on the subaccount and ownership of the organization.
        await PartnerHoldsNothing(customer, ResourceType.BillingAccount, record.SubaccountId, partner.Id);
        await PartnerHoldsNothing(customer, ResourceType.Organization, record.OrganizationId, partner.Id);
        await system.OwnedBy(customer, ResourceType.BillingAccount, record.SubaccountId, "admin");
        await system.OwnedBy(customer, ResourceType.Organization, record.OrganizationId, "organization-manager.organizations.owner");
        await Eventually.True(() => system.Tap.For("partnership.access-binding-revoked.v1", "subjectAccountId", partner.Id).Count >= 2,
            what: "the partner's two revocations");

        // A declined invitation is over: no accepting it, no link to hand out, nothing billed to the subaccount.
        var accept = await Scenario.Refused(() => system.Customers.AcceptInviteAsync(
            new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, accept.StatusCode);
        var link = await Scenario.Refused(() => system.Customers.GetInviteLinkAsync(
            new GetInviteLinkRequest { CustomerId = created.CustomerId }, partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, link.StatusCode);
        var subaccount = await system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = record.SubaccountId }, customer.Auth);
        Assert.False(subaccount.Billable);
        var cloud = await Scenario.Refused(() => system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = "after-decline", OrganizationId = record.OrganizationId, BillingAccountId = record.SubaccountId,
        }, customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, cloud.StatusCode);

        // The partner still sees the record, as declined, and its history says who declined.
        var seen = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal(CustomerStatus.Declined, seen.Status);
        var history = await system.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = created.CustomerId }, partner.Auth);
        // Not necessarily the last entry: role grants may still land after the decline (and complete provisioning).
        var declinedEntry = Assert.Single(history.Entries, e => e.Change == "invitation-declined");
        Assert.Equal(("customer", customer.Id), (declinedEntry.Actor, declinedEntry.ActorAccountId));
        var listed = await Eventually.Get(() => system.Customers.ListCustomersAsync(
            new ListCustomersRequest { Status = CustomerStatus.Declined }, partner.Auth).ResponseAsync,
            r => r.Customers.Any(c => c.CustomerId == created.CustomerId), what: "the declined record in the list");
        Assert.All(listed.Customers, c => Assert.Equal(CustomerStatus.Declined, c.Status));
    }

    [Fact]
    public async Task A_confirmed_partnership_cannot_be_declined()
    {
        var p = await system.ActivePartnership();
        var refused = await Scenario.Refused(() => system.Customers.DeclineInviteAsync(
            new DeclineInviteRequest { SubaccountId = p.Record.SubaccountId }, p.Customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var bad = await Scenario.Refused(() => system.Customers.DeclineInviteAsync(new DeclineInviteRequest { SubaccountId = "nope" }, p.Customer.Auth)
            .ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("subaccount_id", bad.Status.Detail);
    }

    [Fact]
    public async Task Either_side_ends_an_active_partnership_the_partner_loses_its_roles_and_clouds_in_the_subaccount_stay_billed_to_it()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = "in-subaccount", OrganizationId = p.Record.OrganizationId, BillingAccountId = p.Record.SubaccountId,
        }, p.Customer.Auth);
        var stranger = await system.NewPartner();
        var refused = await Scenario.Refused(() => system.Customers.EndPartnershipAsync(
            new EndPartnershipRequest { CustomerId = p.Record.CustomerId }, stranger.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);

        var ended = await system.Customers.EndPartnershipAsync(new EndPartnershipRequest { CustomerId = p.Record.CustomerId }, p.Customer.Auth);
        Assert.Equal(CustomerStatus.Ended, ended.Status);
        var again = await system.Customers.EndPartnershipAsync(new EndPartnershipRequest { CustomerId = p.Record.CustomerId }, p.Partner.Auth);
        Assert.Equal(ended.Version, again.Version);
        await Eventually.True(() => system.Tap.For("partnership.partnership-ended.v1", "customerId", p.Record.CustomerId).Count == 1,
            what: "PartnershipEnded");
        var message = system.Tap.For("partnership.partnership-ended.v1", "customerId", p.Record.CustomerId)[0].Message;
        Assert.Equal(p.Customer.Id, message.GetProperty("endedByAccountId").GetString());

        await PartnerHoldsNothing(p.Customer, ResourceType.BillingAccount, p.Record.SubaccountId, p.Partner.Id);
        await PartnerHoldsNothing(p.Customer, ResourceType.Organization, p.Record.OrganizationId, p.Partner.Id);
        await system.OwnedBy(p.Customer, ResourceType.BillingAccount, p.Record.SubaccountId, "admin");

        // No new clouds in the subaccount; the one in it stays billed to it.
        await Eventually.Get(() => system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = p.Record.SubaccountId },
            p.Customer.Auth).ResponseAsync, b => !b.Billable, what: "the subaccount to take no new clouds");
        var create = await Scenario.Refused(() => system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = "after-end", OrganizationId = p.Record.OrganizationId, BillingAccountId = p.Record.SubaccountId,
        }, p.Customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, create.StatusCode);
        var charged = await system.Charge(cloud.CloudId, "12.00");
        Assert.Equal(p.Record.SubaccountId, charged.BillingAccountId);
        Assert.Equal("12.00", charged.Outstanding.Amount);

        var history = await system.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = p.Record.CustomerId }, p.Partner.Auth);
        Assert.Contains(history.Entries, e => e.Change == "partnership-ended" && e.ActorAccountId == p.Customer.Id && e.Actor == "customer");
        var beforeConfirm = await system.AddCustomer(p.Partner, await system.RegisterAccount("customer"));
        var early = await Scenario.Refused(() => system.Customers.EndPartnershipAsync(
            new EndPartnershipRequest { CustomerId = beforeConfirm.CustomerId }, p.Partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
    }

    private Task PartnerHoldsNothing(Account viewer, ResourceType type, string resourceId, string partnerId) =>
        Eventually.Get(async () => (await system.AccessBindings.ListAccessBindingsAsync(
                new ListAccessBindingsRequest { ResourceType = type, ResourceId = resourceId }, viewer.Auth)).AccessBindings.ToList(),
            bindings => bindings.All(b => b.SubjectAccountId != partnerId), what: $"the partner's roles on {resourceId} to be revoked");
}
