using Partnership.EventSourcing;
using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

/// <summary>
/// ListDeliveries, ListBillingAccounts, ListLinkableClouds and ListAccessBindings page as ListCustomers does: page_size
/// (0 means 20, at most 100), an opaque page_token, next_page_token empty on the last page.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PaginationTests(PartnershipSystem system)
{
    private sealed record Page(IReadOnlyList<string> Ids, string Next);

    [Fact]
    public async Task Deliveries_are_filtered_by_customer_and_paged()
    {
        var partner = await system.NewPartner();
        var first = await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        var second = await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        foreach (var id in new[] { first.CustomerId, second.CustomerId })
        {
            var own = await Eventually.Get(() => Deliveries(new ListDeliveriesRequest { CustomerId = id }),
                r => r.Deliveries.Count > 0, what: $"the delivery to {id}");
            Assert.All(own.Deliveries, d => Assert.Equal(id, d.CustomerId));
            var one = await Deliveries(new ListDeliveriesRequest { CustomerId = id, PageSize = 1 });
            Assert.Equal(id, Assert.Single(one.Deliveries).CustomerId);
            Assert.Equal("", one.NextPageToken);
        }
        // Two deliveries at least exist now: a page of one has a successor, and the token leads to it.
        var page = await Deliveries(new ListDeliveriesRequest { PageSize = 1 });
        Assert.Single(page.Deliveries);
        Assert.NotEqual("", page.NextPageToken);
        Assert.Single((await Deliveries(new ListDeliveriesRequest { PageSize = 1, PageToken = page.NextPageToken })).Deliveries);
    }

    [Fact]
    public async Task Without_a_page_size_the_lists_published_before_paging_answer_what_they_answered_then()
    {
        // More than a default page of subaccounts for one partner, and as many deliveries.
        var partner = await system.NewPartner();
        var ids = await Task.WhenAll(Enumerable.Range(0, Paging.DefaultPageSize + 1).Select(async i =>
            (await system.AddCustomer(partner, await system.RegisterAccount($"unpaged{i}"))).CustomerId));
        var walked = await Eventually.Get(() => BillingAccounts(partner, 100, ""), p => p.Ids.Count == ids.Length + 1, what: "the subaccounts");

        var unpaged = await system.Billing.ListBillingAccountsAsync(new ListBillingAccountsRequest(), partner.Auth);
        Assert.Equal(walked.Ids, unpaged.BillingAccounts.Select(b => b.BillingAccountId));
        Assert.Equal("", unpaged.NextPageToken);

        await Eventually.Get(() => Deliveries(new ListDeliveriesRequest { PageSize = 100 }),
            r => r.Deliveries.Count(d => ids.Contains(d.CustomerId)) == ids.Length, what: "their deliveries");
        var deliveries = await Deliveries(new ListDeliveriesRequest());
        Assert.True(deliveries.Deliveries.Count > Paging.DefaultPageSize, $"{deliveries.Deliveries.Count} deliveries without a page_size");
        Assert.True(deliveries.Deliveries.Count <= DeliveryQueriesUnpaged);
    }

    // Notification's DeliveryQueries.UnpagedDeliveries, as its proto documents it.
    private const int DeliveryQueriesUnpaged = 500;

    [Fact]
    public async Task Billing_accounts_are_paged_in_the_order_of_the_whole_list()
    {
        var partner = await system.NewPartner();
        await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        await system.AddCustomer(partner, await system.RegisterAccount("customer"));
        var all = await Eventually.Get(() => BillingAccounts(partner, 100, ""), p => p.Ids.Count == 3, what: "the two subaccounts");
        await AssertPagesOf(all.Ids, 2, token => BillingAccounts(partner, 2, token));
    }

    [Fact]
    public async Task Access_bindings_are_paged_in_the_order_of_the_whole_list()
    {
        var owner = await system.RegisterAccount("owner");
        var billing = await system.BillingAccountOf(owner);
        await system.OwnedBy(owner, ResourceType.BillingAccount, billing.BillingAccountId, "billing.accounts.owner");
        var update = new UpdateAccessBindingsRequest { ResourceType = ResourceType.BillingAccount, ResourceId = billing.BillingAccountId };
        foreach (var who in new[] { "viewer-1", "viewer-2" })
            update.Deltas.Add(new AccessBindingDelta
            {
                Action = AccessBindingDelta.Types.Action.Add, SubjectAccountId = (await system.RegisterAccount(who)).Id, RoleId = "billing.accounts.viewer",
            });
        var updated = await system.AccessBindings.UpdateAccessBindingsAsync(update, owner.Auth);
        Assert.Equal("", updated.NextPageToken);
        var all = await Bindings(owner, billing.BillingAccountId, 100, "");
        Assert.Equal(updated.AccessBindings.Count, all.Ids.Count);
        Assert.Equal(3, all.Ids.Count);
        await AssertPagesOf(all.Ids, 2, token => Bindings(owner, billing.BillingAccountId, 2, token));
    }

    [Fact]
    public async Task Linkable_clouds_are_paged_in_the_order_of_the_whole_list()
    {
        var p = await system.ActivePartnership();
        foreach (var name in new[] { "one", "two" })
            await system.GrantPartner(p, ResourceType.Cloud, (await system.ExistingCloud(p, name)).CloudId, "editor");
        await system.GrantPartnerOnCustomerBillingAccount(p);
        var all = await Eventually.Get(() => Linkable(p, 100, ""), l => l.Ids.Count == 2, what: "both clouds to be linkable");
        await AssertPagesOf(all.Ids, 1, token => Linkable(p, 1, token));
    }

    // "bzp4" is base64 for "o:x": our shape, not our offset.
    public static TheoryData<string, string, int> BadPages() => new()
    {
        { "deliveries", "not a token", 0 }, { "billing-accounts", "bzp4", 0 }, { "linkable-clouds", "!!", 0 }, { "access-bindings", "o:1", 0 },
        { "deliveries", "", 101 }, { "billing-accounts", "", -1 }, { "linkable-clouds", "", 101 }, { "access-bindings", "", 1000 },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public async Task A_bad_page_token_or_size_is_invalid_argument_naming_the_field(string list, string token, int size)
    {
        var partner = await system.NewPartner();
        Func<Task> call = list switch
        {
            "deliveries" => () => Deliveries(new ListDeliveriesRequest { PageSize = size, PageToken = token }),
            "billing-accounts" => () => BillingAccounts(partner, size, token),
            "linkable-clouds" => () => system.Clouds().ListLinkableCloudsAsync(
                new ListLinkableCloudsRequest { SubaccountId = "dn2000000000000000000", PageSize = size, PageToken = token }, partner.Auth).ResponseAsync,
            _ => () => system.AccessBindings.ListAccessBindingsAsync(new ListAccessBindingsRequest
            {
                ResourceType = ResourceType.BillingAccount, ResourceId = "dn2000000000000000000", PageSize = size, PageToken = token,
            }, partner.Auth).ResponseAsync,
        };
        var field = token == "" ? "page_size" : "page_token";
        var error = await Scenario.Refused(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, error.Trailers.GetValue("invalid-field"));
        Assert.Equal(field, Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    /// <summary>
    /// Walks the pages: more than one, each full but the last, the last with no token, together the whole list in its
    /// order (a server that ignored page_size would answer one page and fail here).
    /// </summary>
    private static async Task AssertPagesOf(IReadOnlyList<string> all, int size, Func<string, Task<Page>> page)
    {
        Assert.True(all.Count > size, "the list must be longer than a page");
        var pages = new List<Page>();
        var token = "";
        do
        {
            var next = await page(token);
            pages.Add(next);
            token = next.Next;
        } while (token != "" && pages.Count <= all.Count);
        Assert.Equal((all.Count + size - 1) / size, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(size, p.Ids.Count));
        Assert.Equal(all, pages.SelectMany(p => p.Ids));
    }

    private Task<ListDeliveriesResponse> Deliveries(ListDeliveriesRequest request) =>
        system.Emails.ListDeliveriesAsync(request, system.Operator.Auth).ResponseAsync;

    private async Task<Page> BillingAccounts(Account caller, int size, string token)
    {
        var r = await system.Billing.ListBillingAccountsAsync(new ListBillingAccountsRequest { PageSize = size, PageToken = token }, caller.Auth);
        return new Page(r.BillingAccounts.Select(b => b.BillingAccountId).ToList(), r.NextPageToken);
    }

    private async Task<Page> Bindings(Account caller, string billingAccountId, int size, string token)
    {
        var r = await system.AccessBindings.ListAccessBindingsAsync(new ListAccessBindingsRequest
        {
            ResourceType = ResourceType.BillingAccount, ResourceId = billingAccountId, PageSize = size, PageToken = token,
        }, caller.Auth);
        return new Page(r.AccessBindings.Select(b => $"{b.SubjectAccountId}/{b.RoleId}").ToList(), r.NextPageToken);
    }

    private async Task<Page> Linkable(CustomerPartnership p, int size, string token)
    {
        var r = await system.Clouds().ListLinkableCloudsAsync(
            new ListLinkableCloudsRequest { SubaccountId = p.Record.SubaccountId, PageSize = size, PageToken = token }, p.Partner.Auth);
        return new Page(r.Clouds.Select(c => c.CloudId).ToList(), r.NextPageToken);
    }
}
