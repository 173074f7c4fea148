using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

[Collection(SystemCollection.Name)]
public sealed class OnboardingRefusalTests(PartnershipSystem system)
{
    [Fact]
    public async Task An_account_without_partner_status_cannot_add_a_customer()
    {
        var account = await system.RegisterAccount("not-a-partner");
        var customer = await system.RegisterAccount("customer");
        var error = await Scenario.Refused(() => system.AddCustomer(account, customer));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("no partner status", error.Status.Detail);
    }

    [Fact]
    public async Task A_partner_in_trial_mode_is_told_to_switch_to_paid_consumption()
    {
        var partner = await system.NewPartner(paid: false);
        var customer = await system.RegisterAccount("customer");
        var error = await Scenario.Refused(() => system.AddCustomer(partner, customer));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("paid consumption mode", error.Status.Detail);
        Assert.Empty((await system.Customers.ListCustomersAsync(new ListCustomersRequest(), partner.Auth)).Customers);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("Bad\u0001Name", "name")]
    [InlineData("Acme", "email")]
    public async Task Invalid_fields_are_refused_by_name_and_change_nothing(string name, string field)
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var email = field == "email" ? "not-an-email" : customer.Email;
        var error = await Scenario.Refused(() => system.Customers.CreateCustomerAsync(
            new CreateCustomerRequest { RequestId = "r1", Name = name, Email = email }, partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, error.Trailers.GetValue("invalid-field"));
        Assert.StartsWith(field + ":", error.Status.Detail);
        var ok = await system.AddCustomer(partner, customer, requestId: "r1");
        Assert.Equal(1, ok.Version);
    }

    [Fact]
    public async Task An_unknown_customer_email_is_not_found()
    {
        var partner = await system.NewPartner();
        var error = await Scenario.Refused(() => system.Customers.CreateCustomerAsync(
            new CreateCustomerRequest { RequestId = "r", Name = "Ghost", Email = Scenario.UniqueEmail("nobody") }, partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_same_record_and_a_new_request_is_already_exists()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var first = await system.AddCustomer(partner, customer, requestId: "req-1");
        var retry = await system.AddCustomer(partner, customer, requestId: "req-1");
        Assert.Equal(first.CustomerId, retry.CustomerId);
        // Events now reach the other services on commit, so provisioning may have added to the record before the
        // retry arrives; the retry answers with the record's version then, never an older one.
        Assert.True(retry.Version >= first.Version, $"retry version {retry.Version} < first {first.Version}");
        var again = await Scenario.Refused(() => system.AddCustomer(partner, customer, requestId: "req-2"));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        await Eventually.True(() => system.Tap.For("partnership.customer-created.v1", "customerId", first.CustomerId).Count == 1);
        var list = await Eventually.Get(() => system.Customers.ListCustomersAsync(new ListCustomersRequest(), partner.Auth).ResponseAsync,
            l => l.Customers.Count > 0);
        Assert.Single(list.Customers);
    }

    [Fact]
    public async Task Another_partner_cannot_read_the_customer_and_another_account_cannot_confirm()
    {
        var partner = await system.NewPartner();
        var otherPartner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var stranger = await system.RegisterAccount("stranger");
        var created = await system.AddCustomer(partner, customer);
        var record = await system.Provisioned(partner, created.CustomerId);

        var read = await Scenario.Refused(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, otherPartner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
        var link = await Scenario.Refused(() => system.Customers.GetInviteLinkAsync(new GetInviteLinkRequest { CustomerId = created.CustomerId }, otherPartner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, link.StatusCode);
        Assert.Empty((await system.Customers.ListCustomersAsync(new ListCustomersRequest(), otherPartner.Auth)).Customers);

        foreach (var wrong in new[] { stranger, partner, otherPartner })
        {
            var accept = await Scenario.Refused(() => system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, wrong.Auth).ResponseAsync);
            // Answered exactly as for a subaccount without a record: nobody but the customer learns it has one.
            Assert.Equal(StatusCode.NotFound, accept.StatusCode);
        }
        var unchanged = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal(CustomerStatus.VerificationRequired, unchanged.Status);
    }

    [Fact]
    public async Task Concurrent_accepts_record_one_confirmation()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        var record = await system.Provisioned(partner, created.CustomerId);

        var accepts = Enumerable.Range(0, 8).Select(_ => system.Customers.AcceptInviteAsync(
            new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth).ResponseAsync).ToList();
        var results = await Task.WhenAll(accepts);
        Assert.All(results, r => Assert.Equal(CustomerStatus.Active, r.Status));
        Assert.Single(results.Select(r => r.Version).Distinct());
        // One confirmation on the record (role grants may still land around it, so its version alone does not say so).
        var history = await system.Customers.ListCustomerHistoryAsync(
            new ListCustomerHistoryRequest { CustomerId = created.CustomerId, PageSize = 100 }, partner.Auth);
        Assert.Single(history.Entries, e => e.Change == "partnership-confirmed");
        await Eventually.True(() => system.Tap.For("partnership.partnership-confirmed.v1", "customerId", created.CustomerId).Count == 1);
    }

    [Fact]
    public async Task Listing_is_paginated_filtered_and_searchable()
    {
        var partner = await system.NewPartner();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var customer = await system.RegisterAccount($"list{i}");
            ids.Add((await system.AddCustomer(partner, customer, name: i == 3 ? "Special Widgets" : $"Customer {i}")).CustomerId);
        }
        await Eventually.Get(() => system.Customers.ListCustomersAsync(new ListCustomersRequest { PageSize = 100 }, partner.Auth).ResponseAsync,
            l => l.Customers.Count == 5, what: "five customers in the list");

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await system.Customers.ListCustomersAsync(new ListCustomersRequest { PageSize = 2, PageToken = token }, partner.Auth);
            Assert.True(page.Customers.Count <= 2);
            seen.AddRange(page.Customers.Select(c => c.CustomerId));
            token = page.NextPageToken;
        } while (token != "");
        Assert.Equal(ids.OrderBy(x => x), seen.OrderBy(x => x));

        var found = await system.Customers.ListCustomersAsync(new ListCustomersRequest { Query = "special" }, partner.Auth);
        Assert.Equal(ids[3], Assert.Single(found.Customers).CustomerId);
        var active = await system.Customers.ListCustomersAsync(new ListCustomersRequest { Status = CustomerStatus.Active }, partner.Auth);
        Assert.Empty(active.Customers);
        var badToken = await Scenario.Refused(() => system.Customers.ListCustomersAsync(new ListCustomersRequest { PageToken = "garbage" }, partner.Auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_token_are_unauthenticated()
    {
        var error = await Scenario.Refused(() => system.Customers.ListCustomersAsync(new ListCustomersRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
