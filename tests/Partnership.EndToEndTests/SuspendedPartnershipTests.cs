using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class SuspendedPartnershipTests(PartnershipSystem system)
{
    [Fact]
    public async Task An_operator_suspends_no_cloud_comes_into_the_subaccount_until_resumed_and_a_suspended_partnership_can_end()
    {
        var p = await system.ActivePartnership();
        var toLink = await system.ExistingCloud(p, "to-link");
        await system.GrantPartner(p, ResourceType.Cloud, toLink.CloudId, "editor");
        await system.GrantPartnerOnCustomerBillingAccount(p);
        var id = new SuspendPartnershipRequest { CustomerId = p.Record.CustomerId };

        // Only an operator; a record that is not there is NOT_FOUND, a malformed ID names the field.
        Assert.Equal(StatusCode.PermissionDenied, (await Scenario.Refused(() => system.Customers.SuspendPartnershipAsync(id, p.Partner.Auth).ResponseAsync)).StatusCode);
        var missing = await Scenario.Refused(() => system.Customers.SuspendPartnershipAsync(
            new SuspendPartnershipRequest { CustomerId = "cst" + new string('v', 17) }, system.Operator.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var bad = await Scenario.Refused(() => system.Customers.SuspendPartnershipAsync(new SuspendPartnershipRequest { CustomerId = "x" }, system.Operator.Auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("customer_id", bad.Status.Detail);

        var suspended = await system.Customers.SuspendPartnershipAsync(id, system.Operator.Auth);
        Assert.Equal(CustomerStatus.Suspended, suspended.Status);
        Assert.Equal(suspended.Version, (await system.Customers.SuspendPartnershipAsync(id, system.Operator.Auth)).Version);
        await Eventually.True(() => system.Tap.For("partnership.partnership-suspended.v1", "customerId", p.Record.CustomerId).Count == 1,
            what: "PartnershipSuspended");
        var message = system.Tap.For("partnership.partnership-suspended.v1", "customerId", p.Record.CustomerId)[0].Message;
        Assert.Equal(suspended.Version, message.GetProperty("customerVersion").GetInt64());
        Assert.Equal(system.Operator.Id, message.GetProperty("suspendedByAccountId").GetString());

        // Billing-Account learns it from the event; then nothing comes in, neither created by the customer nor linked by the partner.
        await SubaccountBillable(p, false);
        var create = await Scenario.Refused(() => CreateInSubaccount(p, "while-suspended"));
        Assert.Equal(StatusCode.FailedPrecondition, create.StatusCode);
        Assert.Contains("suspended", create.Status.Detail);
        var link = await Scenario.Refused(() => system.Link(p.Partner, toLink.CloudId, p.Record.SubaccountId));
        Assert.Equal(StatusCode.FailedPrecondition, link.StatusCode);
        var seen = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = p.Record.CustomerId }, p.Customer.Auth);
        Assert.Equal(CustomerStatus.Suspended, seen.Status);

        var resumed = await system.Customers.ResumePartnershipAsync(new ResumePartnershipRequest { CustomerId = p.Record.CustomerId }, system.Operator.Auth);
        Assert.Equal(CustomerStatus.Active, resumed.Status);
        await Eventually.True(() => system.Tap.For("partnership.partnership-resumed.v1", "customerId", p.Record.CustomerId).Count == 1,
            what: "PartnershipResumed");
        await SubaccountBillable(p, true);
        var created = await CreateInSubaccount(p, "after-resume");
        Assert.Equal(p.Record.SubaccountId, created.BillingAccountId);
        var linked = await system.Link(p.Partner, toLink.CloudId, p.Record.SubaccountId);
        Assert.Equal(p.Record.SubaccountId, linked.Cloud.BillingAccountId);

        var history = await system.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = p.Record.CustomerId }, p.Partner.Auth);
        Assert.Contains(history.Entries, e => e.Change == "partnership-suspended" && e.Actor == "operator" && e.ActorAccountId == system.Operator.Id);
        Assert.Contains(history.Entries, e => e.Change == "partnership-resumed" && e.Actor == "operator");

        // Suspended again, the partner can still end it.
        await system.Customers.SuspendPartnershipAsync(id, system.Operator.Auth);
        var ended = await system.Customers.EndPartnershipAsync(new EndPartnershipRequest { CustomerId = p.Record.CustomerId }, p.Partner.Auth);
        Assert.Equal(CustomerStatus.Ended, ended.Status);
        var resume = await Scenario.Refused(() => system.Customers.ResumePartnershipAsync(
            new ResumePartnershipRequest { CustomerId = p.Record.CustomerId }, system.Operator.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, resume.StatusCode);
    }

    private Task<Cloud> CreateInSubaccount(CustomerPartnership p, string name) =>
        system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = name, OrganizationId = p.Record.OrganizationId, BillingAccountId = p.Record.SubaccountId,
        }, p.Customer.Auth).ResponseAsync;

    private Task SubaccountBillable(CustomerPartnership p, bool billable) =>
        Eventually.Get(() => system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = p.Record.SubaccountId },
            p.Customer.Auth).ResponseAsync, b => b.Billable == billable, what: $"the subaccount to be billable={billable}");
}
