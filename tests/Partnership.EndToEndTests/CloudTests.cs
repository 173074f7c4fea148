using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;
using Reason = Partnership.Contracts.Billing.V1.Linkability.Types.Reason;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class CloudTests(PartnershipSystem system)
{
    [Fact]
    public async Task The_partner_links_a_granted_cloud_the_old_account_keeps_its_charges_and_a_revoked_role_stops_the_next_link()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);
        Assert.Equal(p.CustomerBillingAccountId, cloud.BillingAccountId);
        var charged = await system.Charge(cloud.CloudId, "4500.00");
        Assert.Equal("500.00", charged.Outstanding.Amount);

        await system.GrantPartner(p, ResourceType.Cloud, cloud.CloudId, "editor");
        await system.GrantPartnerOnCustomerBillingAccount(p);
        await Eventually.Get(() => system.Clouds().ListLinkableCloudsAsync(new ListLinkableCloudsRequest { SubaccountId = p.Record.SubaccountId },
            p.Partner.Auth).ResponseAsync, r => r.Clouds.Any(c => c.CloudId == cloud.CloudId), what: "the cloud to be linkable");

        var linked = await system.Link(p.Partner, cloud.CloudId, p.Record.SubaccountId);
        Assert.True(linked.Moved);
        Assert.Equal(p.Record.SubaccountId, linked.Cloud.BillingAccountId);
        Assert.Equal(p.CustomerBillingAccountId, linked.PreviousBillingAccountId);
        Assert.Equal("500.00", linked.PreviousAccountOutstanding.Amount);
        await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = p.Record.CustomerId }, p.Partner.Auth).ResponseAsync,
            c => c.CloudIds.Contains(cloud.CloudId), what: "the record to list the cloud");
        var oldAccount = await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), p.Customer.Auth);
        Assert.Equal("500.00", oldAccount.Outstanding.Amount);
        await Eventually.True(() => system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId).Count == 1, what: "CloudLinked");
        var message = system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId)[0].Message;
        Assert.Equal(p.Record.SubaccountId, message.GetProperty("toBillingAccountId").GetString());
        Assert.Equal(p.Partner.Id, message.GetProperty("linkedByAccountId").GetString());

        // Charges from now on go to the partner's subaccount; the old account keeps what it owed.
        await system.Charge(cloud.CloudId, "10.00");
        var paid = await system.Pay(p.Customer, p.CustomerBillingAccountId, "500.00");
        Assert.Equal("0.00", paid.Outstanding.Amount);

        var second = await system.ExistingCloud(p, "staging");
        await system.GrantPartner(p, ResourceType.Cloud, second.CloudId, "editor");
        await system.LinkabilityBecomes(p, second.CloudId, Reason.Linkable);
        await system.RevokePartner(p, ResourceType.Cloud, second.CloudId, "editor");
        // Holding no role on it any more, the partner is answered as if the cloud did not exist.
        var refused = await Scenario.Refused(() => system.Link(p.Partner, second.CloudId, p.Record.SubaccountId));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        await Eventually.Get(() => system.Clouds().ListLinkableCloudsAsync(new ListLinkableCloudsRequest { SubaccountId = p.Record.SubaccountId },
            p.Partner.Auth).ResponseAsync, r => r.Clouds.All(c => c.CloudId != second.CloudId), what: "the revoked cloud to leave the list");
        Assert.Equal(p.CustomerBillingAccountId, (await system.Clouds().GetCloudAsync(new GetCloudRequest { CloudId = second.CloudId }, p.Customer.Auth)).BillingAccountId);
    }

    [Fact]
    public async Task A_member_role_is_too_weak_and_a_cloud_without_any_role_is_not_there_for_the_partner()
    {
        var p = await system.ActivePartnership();
        await system.GrantPartnerOnCustomerBillingAccount(p);
        var weak = await system.ExistingCloud(p, "weak");
        var none = await system.ExistingCloud(p, "none");
        await system.GrantPartner(p, ResourceType.Cloud, weak.CloudId);

        var weakLinkability = await system.LinkabilityBecomes(p, weak.CloudId, Reason.RoleTooWeak);
        Assert.Contains("resource-manager.clouds.member", weakLinkability.KnownRoleIds);
        Assert.False(weakLinkability.Linkable);
        Assert.Equal(StatusCode.PermissionDenied, (await Scenario.Refused(() => system.Link(p.Partner, weak.CloudId, p.Record.SubaccountId))).StatusCode);
        // No role at all: answered exactly as a cloud that does not exist, by CheckLinkable and by LinkCloud.
        var hidden = await Scenario.Refused(() => system.Link(p.Partner, none.CloudId, p.Record.SubaccountId));
        var unknown = await Scenario.Refused(() => system.Link(p.Partner, "b1gnosuchcloud000000", p.Record.SubaccountId));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(unknown.StatusCode, hidden.StatusCode);
        Assert.Equal(unknown.Status.Detail.Replace("b1gnosuchcloud000000", none.CloudId), hidden.Status.Detail);
        var check = await Scenario.Refused(() => system.Clouds().CheckLinkableAsync(
            new CheckLinkableRequest { SubaccountId = p.Record.SubaccountId, CloudId = none.CloudId }, p.Partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task The_customer_links_its_own_cloud_and_moves_it_back()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);

        var linked = await system.Link(p.Customer, cloud.CloudId, p.Record.SubaccountId);
        Assert.True(linked.Moved);
        var again = await system.Link(p.Customer, cloud.CloudId, p.Record.SubaccountId);
        Assert.False(again.Moved);
        await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = p.Record.CustomerId }, p.Customer.Auth).ResponseAsync,
            c => c.CloudIds.Contains(cloud.CloudId), what: "the record to list the cloud");

        var back = await system.Link(p.Customer, cloud.CloudId, p.CustomerBillingAccountId);
        Assert.True(back.Moved);
        Assert.Equal(p.Record.SubaccountId, back.PreviousBillingAccountId);
        await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = p.Record.CustomerId }, p.Customer.Auth).ResponseAsync,
            c => !c.CloudIds.Contains(cloud.CloudId), what: "the record to drop the cloud");
        await Eventually.True(() => system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId).Count == 2);
        Assert.Contains(system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId),
            e => e.Message.GetProperty("toBillingAccountId").GetString() == p.CustomerBillingAccountId);
    }

    [Fact]
    public async Task Concurrent_links_of_one_cloud_record_one_move()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => system.Link(p.Customer, cloud.CloudId, p.Record.SubaccountId)));
        Assert.Single(results, r => r.Moved);
        await Eventually.True(() => system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId).Count == 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(system.Tap.For("partnership.cloud-linked.v1", "cloudId", cloud.CloudId));
    }

    [Fact]
    public async Task A_cloud_never_linked_keeps_being_billed_to_its_own_account()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);
        await system.Charge(cloud.CloudId, "4100.00");
        var own = await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), p.Customer.Auth);
        Assert.Equal("100.00", own.Outstanding.Amount);
        Assert.Contains(cloud.CloudId, own.CloudIds);
        var subaccount = await system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = p.Record.SubaccountId }, p.Partner.Auth);
        Assert.Equal("0.00", subaccount.Outstanding.Amount);
        Assert.DoesNotContain(cloud.CloudId, subaccount.CloudIds);
    }

    [Fact]
    public async Task The_same_charge_sent_twice_counts_once_and_a_payment_needs_an_amount_and_a_reference()
    {
        var p = await system.ActivePartnership();
        var cloud = await system.ExistingCloud(p);
        var requestId = Guid.NewGuid().ToString();
        var first = await system.Charge(cloud.CloudId, "4050.00", requestId);
        var retry = await system.Charge(cloud.CloudId, "4050.00", requestId);
        Assert.Equal("50.00", first.Outstanding.Amount);
        Assert.Equal((first.Outstanding, first.Version), (retry.Outstanding, retry.Version));
        var other = await Scenario.Refused(() => system.Charge(cloud.CloudId, "4051.00", requestId));
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);

        foreach (var request in new[]
                 {
                     new PayOutstandingRequest { BillingAccountId = p.CustomerBillingAccountId },
                     new PayOutstandingRequest { BillingAccountId = p.CustomerBillingAccountId, PaymentReference = "pay-1" },
                     new PayOutstandingRequest { BillingAccountId = p.CustomerBillingAccountId, Amount = "50.00" },
                 })
        {
            var refused = await Scenario.Refused(() => system.Clouds().PayOutstandingAsync(request, p.Customer.Auth).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Equal(request.Amount.Length == 0 ? "amount" : "payment_reference", refused.Trailers.GetValue("invalid-field"));
        }
        var tooMuch = await Scenario.Refused(() => system.Pay(p.Customer, p.CustomerBillingAccountId, "50.01"));
        Assert.Equal(StatusCode.FailedPrecondition, tooMuch.StatusCode);
        Assert.Contains("50.00", tooMuch.Status.Detail);
        var own = await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), p.Customer.Auth);
        Assert.Equal("50.00", own.Outstanding.Amount);

        var partial = await system.Pay(p.Customer, p.CustomerBillingAccountId, "20.00", "pay-1");
        Assert.Equal("30.00", partial.Outstanding.Amount);
        Assert.Equal("30.00", (await system.Pay(p.Customer, p.CustomerBillingAccountId, "20.00", "pay-1")).Outstanding.Amount);
        var stale = await Scenario.Refused(() => system.Clouds().PayOutstandingAsync(new PayOutstandingRequest
        {
            BillingAccountId = p.CustomerBillingAccountId, Amount = "30.00", PaymentReference = "pay-2", ExpectedVersion = own.Version,
        }, p.Customer.Auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Equal("0.00", (await system.Pay(p.Customer, p.CustomerBillingAccountId, "30.00", "pay-2")).Outstanding.Amount);
        await Eventually.True(() => system.Tap.For("partnership.charge-recorded.v1", "requestId", requestId).Count == 1, what: "ChargeRecorded");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(system.Tap.For("partnership.charge-recorded.v1", "requestId", requestId));
    }
}
