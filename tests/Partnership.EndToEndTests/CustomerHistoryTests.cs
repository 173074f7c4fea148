using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class CustomerHistoryTests(PartnershipSystem system)
{
    [Fact]
    public async Task The_partner_and_the_customer_see_who_changed_the_record_when_and_with_which_request_page_by_page()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var requestId = "history-" + Guid.NewGuid().ToString("N")[..8];
        var created = await system.AddCustomer(partner, customer, requestId: requestId);
        var record = await Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId },
            partner.Auth).ResponseAsync, c => c.Provisioning == ProvisioningState.Complete, what: "provisioning to complete");
        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);

        var all = await system.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal("", all.NextPageToken);
        // Created, subaccount, organization, four default roles, complete, confirmed: the roles came with the organization, in
        // one change of the record (version), told one entry each after it.
        Assert.Equal(9, all.Entries.Count);
        var organization = all.Entries.Single(e => e.Change == "organization-assigned");
        Assert.Equal(Enumerable.Repeat(organization.Version, 4), all.Entries.Where(e => e.Change == "role-granted").Select(e => e.Version));
        Assert.Equal([1L, 2, 3, 4, 5], all.Entries.Select(e => e.Version).Distinct());
        var first = all.Entries[0];
        Assert.Equal(("created", "partner", partner.Id, requestId), (first.Change, first.Actor, first.ActorAccountId, first.RequestId));
        Assert.Equal(created.CreateTime, first.Time);
        // Billing-Account and Identity/Roles provision in either order.
        Assert.Equal(["organization-assigned", "role-granted", "role-granted", "role-granted", "role-granted", "subaccount-assigned"],
            all.Entries.Skip(1).Take(6).Select(e => e.Change).Order());
        Assert.Equal("provisioning-complete", all.Entries[7].Change);
        var confirmed = all.Entries[8];
        Assert.Equal(("partnership-confirmed", "customer", customer.Id), (confirmed.Change, confirmed.Actor, confirmed.ActorAccountId));

        // The customer sees the same history, here five entries a page.
        var page1 = await system.Customers.ListCustomerHistoryAsync(
            new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageSize = 5 }, customer.Auth);
        Assert.Equal(5, page1.Entries.Count);
        Assert.NotEqual("", page1.NextPageToken);
        var page2 = await system.Customers.ListCustomerHistoryAsync(
            new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageSize = 5, PageToken = page1.NextPageToken }, customer.Auth);
        Assert.Equal("", page2.NextPageToken);
        // Paged by entry, not by version: a page that ends among the roles of one version leaves none of them out.
        Assert.Equal(all.Entries.Select(e => (e.Version, e.Change, e.Description)),
            page1.Entries.Concat(page2.Entries).Select(e => (e.Version, e.Change, e.Description)));
    }

    [Fact]
    public async Task Anyone_else_is_answered_as_for_a_record_that_does_not_exist_and_bad_input_names_its_field()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        var stranger = await system.NewPartner();

        var notYours = await Scenario.Refused(() => system.Customers.ListCustomerHistoryAsync(
            new ListCustomerHistoryRequest { CustomerId = created.CustomerId }, stranger.Auth).ResponseAsync);
        var notThere = await Scenario.Refused(() => system.Customers.ListCustomerHistoryAsync(
            new ListCustomerHistoryRequest { CustomerId = "cst00000000000000000" }, stranger.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(notThere.StatusCode, notYours.StatusCode);
        Assert.Equal(notThere.Status.Detail.Replace("cst00000000000000000", created.CustomerId), notYours.Status.Detail);

        foreach (var (request, field) in new[]
                 {
                     (new ListCustomerHistoryRequest { CustomerId = "nope" }, "customer_id"),
                     (new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageSize = -1 }, "page_size"),
                     (new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageSize = 101 }, "page_size"),
                     (new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageToken = "garbage" }, "page_token"),
                 })
        {
            var refused = await Scenario.Refused(() => system.Customers.ListCustomerHistoryAsync(request, partner.Auth).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.Status.Detail);
        }
    }
}
