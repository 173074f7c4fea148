using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Authorization;

/// <summary>The boundaries an independent client crossed, each tried again against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class TenantRulesTests(PartnershipSystem system)
{
    [Fact]
    public async Task A_partner_cannot_move_one_customers_cloud_into_another_customers_subaccount()
    {
        var a = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(a);
        await system.GrantPartner(a, ResourceType.Cloud, cloud.CloudId, "admin");
        await system.GrantPartnerOnCustomerBillingAccount(a);
        // The same partner's second customer, B.
        var customerB = await system.RegisterAccount("customer-b");
        var recordB = await system.Provisioned(a.Partner, (await system.AddCustomer(a.Partner, customerB, "B LLC")).CustomerId);
        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = recordB.SubaccountId }, customerB.Auth);

        var check = await system.LinkabilityBecomes(a with { Record = recordB }, cloud.CloudId, Linkability.Types.Reason.OwnedByAnotherCustomer);
        Assert.False(check.Linkable);
        var refused = await Scenario.Refused(() => system.Link(a.Partner, cloud.CloudId, recordB.SubaccountId));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("belongs to another customer", refused.Status.Detail);
        Assert.Equal(a.CustomerBillingAccountId, (await system.Clouds().GetCloudAsync(new GetCloudRequest { CloudId = cloud.CloudId }, a.Customer.Auth)).BillingAccountId);
        Assert.Equal(StatusCode.NotFound, (await Scenario.Refused(() =>
            system.Clouds().GetCloudAsync(new GetCloudRequest { CloudId = cloud.CloudId }, customerB.Auth).ResponseAsync)).StatusCode);
        // Into the right customer's subaccount it goes.
        Assert.True((await system.Link(a.Partner, cloud.CloudId, a.Record.SubaccountId)).Moved);
    }

    [Fact]
    public async Task Nothing_is_billed_to_a_subaccount_before_the_customer_confirms()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("unconfirmed");
        var customerBilling = await system.BillingAccountOf(customer);
        var record = await system.Provisioned(partner, (await system.AddCustomer(partner, customer)).CustomerId);
        await system.OwnedBy(customer, ResourceType.Organization, record.OrganizationId, "organization-manager.organizations.owner");

        var create = await Scenario.Refused(() => system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = "early", Name = "early", OrganizationId = record.OrganizationId, BillingAccountId = record.SubaccountId,
        }, customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, create.StatusCode);
        var own = await system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = "own", Name = "own", OrganizationId = record.OrganizationId, BillingAccountId = customerBilling.BillingAccountId,
        }, customer.Auth);
        await system.OwnedBy(customer, ResourceType.Cloud, own.CloudId, "resource-manager.clouds.owner");
        var link = await Scenario.Refused(() => system.Link(customer, own.CloudId, record.SubaccountId));
        Assert.Equal(StatusCode.FailedPrecondition, link.StatusCode);
        var subaccount = await system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = record.SubaccountId }, partner.Auth);
        Assert.Empty(subaccount.CloudIds);
        Assert.False(subaccount.Billable);

        // Confirmed, the very next calls go through (the confirmation's event is waited for a moment if need be).
        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
        Assert.True((await system.Link(customer, own.CloudId, record.SubaccountId)).Moved);
        var created = await system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = "late", Name = "late", OrganizationId = record.OrganizationId, BillingAccountId = record.SubaccountId,
        }, customer.Auth);
        Assert.Equal(record.SubaccountId, created.BillingAccountId);
        // The record lists every cloud its subaccount pays for: created in it as much as linked into it.
        await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = record.CustomerId }, partner.Auth).ResponseAsync,
            c => c.CloudIds.Contains(created.CloudId) && c.CloudIds.Contains(own.CloudId), what: "the record to list the created and the linked cloud");
    }

    [Fact]
    public async Task The_partner_cannot_remove_the_customers_own_binding_on_its_subaccount()
    {
        var p = await system.ActivePartnership();
        var refused = await Scenario.Refused(() => system.AccessBindings.UpdateAccessBindingsAsync(new UpdateAccessBindingsRequest
        {
            ResourceType = ResourceType.BillingAccount, ResourceId = p.Record.SubaccountId,
            Deltas = { new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Remove, SubjectAccountId = p.Customer.Id, RoleId = "admin" } },
        }, p.Partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var bindings = await system.AccessBindings.ListAccessBindingsAsync(
            new ListAccessBindingsRequest { ResourceType = ResourceType.BillingAccount, ResourceId = p.Record.SubaccountId }, p.Customer.Auth);
        Assert.Contains(bindings.AccessBindings, b => b.SubjectAccountId == p.Customer.Id && b.RoleId == "admin");
    }

    [Fact]
    public async Task Creating_a_cloud_needs_a_role_in_an_organization_that_exists()
    {
        var p = await system.ActivePartnership();
        var stranger = await system.RegisterAccount("stranger");
        var strangersBilling = await system.BillingAccountOf(stranger);
        CreateCloudRequest In(string organizationId) => new()
        {
            RequestId = Guid.NewGuid().ToString(), Name = "x", OrganizationId = organizationId, BillingAccountId = strangersBilling.BillingAccountId,
        };
        var foreign = await Scenario.Refused(() => system.Clouds().CreateCloudAsync(In(p.Record.OrganizationId), stranger.Auth).ResponseAsync);
        var missing = await Scenario.Refused(() => system.Clouds().CreateCloudAsync(In("bpfnosuchorganisati0"), stranger.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("bpfnosuchorganisati0", p.Record.OrganizationId), foreign.Status.Detail);
    }

    [Fact]
    public async Task A_viewer_role_on_a_billing_account_does_not_move_clouds_off_it()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);
        await system.GrantPartner(p, ResourceType.Cloud, cloud.CloudId, "admin");
        await system.GrantPartnerOnCustomerBillingAccount(p, "billing.accounts.viewer");
        var refused = await Scenario.Refused(() => system.Link(p.Partner, cloud.CloudId, p.Record.SubaccountId));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("no role on billing account", refused.Status.Detail);
    }

    [Fact]
    public async Task Whether_an_email_is_registered_or_a_subaccount_has_a_customer_is_not_told_to_strangers()
    {
        var p = await system.ActivePartnership();
        var stranger = await system.RegisterAccount("prober");
        var existing = await Scenario.Refused(() => system.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = p.Customer.Id }, stranger.Auth).ResponseAsync);
        var absent = await Scenario.Refused(() => system.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = "ajenosuchaccount0000" }, stranger.Auth).ResponseAsync);
        Assert.Equal(absent.StatusCode, existing.StatusCode);
        Assert.Equal(absent.Status.Detail.Replace("ajenosuchaccount0000", p.Customer.Id), existing.Status.Detail);

        var accept = await Scenario.Refused(() => system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = p.Record.SubaccountId }, stranger.Auth).ResponseAsync);
        var acceptNone = await Scenario.Refused(() => system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = "dn2nosuchsubaccount0" }, stranger.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, accept.StatusCode);
        Assert.Equal((acceptNone.StatusCode, acceptNone.Status.Detail), (accept.StatusCode, accept.Status.Detail));
    }
}
