using Grpc.Core;
using Partnership.Contracts.Customers.V1;

namespace Partnership.EndToEndTests;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

[Collection(SystemCollection.Name)]
public sealed class WatchCustomerTests(PartnershipSystem system)
{
    // A bound on the whole watch, so a broken stream fails the test instead of hanging it; no assertion depends on timing.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_partner_watches_a_customer_from_creation_to_complete_provisioning_and_then_to_active()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        Assert.Equal(ProvisioningState.InProgress, created.Provisioning);

        using var call = system.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = created.CustomerId }, partner.Auth,
            DateTime.UtcNow.Add(Bound));
        var seen = new List<Customer>();
        var complete = await Next(call, seen, c => c.Provisioning == ProvisioningState.Complete);
        Assert.NotEqual("", complete.SubaccountId);
        Assert.NotEqual("", complete.OrganizationId);
        Assert.Equal(CustomerStatus.VerificationRequired, complete.Status);
        Assert.Equal("", complete.ProvisioningFailureReason);
        // The provisioning steps themselves are the record's history: every one is there once it says COMPLETE.
        var history = await system.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal(4, history.Entries.Count(e => e.Change == "role-granted"));
        Assert.Single(history.Entries, e => e.Change == "provisioning-complete");

        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = complete.SubaccountId }, customer.Auth);
        var active = await Next(call, seen, c => c.Status == CustomerStatus.Active);
        Assert.Equal(ProvisioningState.Complete, active.Provisioning);

        // Each message is a newer record than the one before, starting from what was there when the watch began.
        Assert.True(seen[0].Version >= created.Version);
        Assert.Equal(seen.Select(c => c.Version).Order(), seen.Select(c => c.Version));
        Assert.Equal(seen.Count, seen.Select(c => c.Version).Distinct().Count());
    }

    [Fact]
    public async Task The_customer_may_watch_too_anyone_else_is_answered_as_for_no_such_record()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);

        using (var own = system.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = created.CustomerId }, customer.Auth,
                   DateTime.UtcNow.Add(Bound)))
        {
            Assert.True(await own.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(created.CustomerId, own.ResponseStream.Current.CustomerId);
        }

        var stranger = await system.NewPartner();
        var notYours = await Refused(created.CustomerId, stranger);
        var notThere = await Refused("cst00000000000000000", stranger);
        Assert.Equal(StatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(notThere.Status.Detail.Replace("cst00000000000000000", created.CustomerId), notYours.Status.Detail);
        var bad = await Refused("nope", partner);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("customer_id", bad.Status.Detail);
    }

    private async Task<RpcException> Refused(string customerId, Account caller)
    {
        using var call = system.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = customerId }, caller.Auth, DateTime.UtcNow.Add(Bound));
        return await Scenario.Refused(() => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private static async Task<Customer> Next(AsyncServerStreamingCall<Customer> call, List<Customer> seen, Func<Customer, bool> until)
    {
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            seen.Add(call.ResponseStream.Current);
            if (until(call.ResponseStream.Current)) return call.ResponseStream.Current;
        }
        throw new Xunit.Sdk.XunitException("The watch ended before the record got there.");
    }
}
