using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.UnitTests;

public class CustomerHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";

    private static IReadOnlyList<RecordedEvent> Stream(params object[] events) =>
        events.Select((e, i) => new RecordedEvent(Guid.NewGuid(), "customer-x", i + 1, 100 + i, e.GetType().Name, e, T0.AddMinutes(i), null))
            .ToList();

    [Fact]
    public void Each_change_says_who_made_it_when_and_with_which_request()
    {
        var history = CustomerHistory.Of(Stream(
            new CustomerRecordCreated("cst1", Partner, CustomerAccount, "Acme", "acme@yandex.ru", "req-7", T0),
            new SubaccountAssigned(Subaccount, Partner, CustomerAccount, "Acme", "acme@yandex.ru", "https://p/invite/accept/" + Subaccount, T0),
            new OrganizationAssigned("bpf1", T0),
            new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, T0.AddHours(1)),
            new CloudAddedToSubaccount("b1g1", T0),
            new CloudRemovedFromSubaccount("b1g1", T0)));

        Assert.Equal(["created", "subaccount-assigned", "organization-assigned", "partnership-confirmed", "cloud-added", "cloud-removed"],
            history.Select(e => e.Change));
        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(e => e.Version));
        Assert.Equal(T0.AddHours(1), history[3].At); // the decision's time, not the append's
        Assert.Equal((Partner, CustomerHistory.Partner, "req-7"), (history[0].ActorAccountId, history[0].Actor, history[0].RequestId));
        Assert.Equal((CustomerAccount, CustomerHistory.TheCustomer, ""), (history[3].ActorAccountId, history[3].Actor, history[3].RequestId));
        Assert.Equal(("", CustomerHistory.BillingAccount), (history[1].ActorAccountId, history[1].Actor));
        Assert.Equal(("", CustomerHistory.IdentityRoles), (history[2].ActorAccountId, history[2].Actor));
        Assert.Contains("For subaccount 'Acme'", history[2].Description);
        Assert.Contains(Subaccount, history[1].Description);
    }

    [Fact]
    public void A_change_this_build_does_not_describe_is_still_listed_under_its_stored_name()
    {
        var history = CustomerHistory.Of(Stream(
            new CustomerRecordCreated("cst1", Partner, CustomerAccount, "Acme", "acme@yandex.ru", "req-7", T0), new SomethingLater()));
        Assert.Equal(nameof(SomethingLater), history[1].Change);
    }

    private sealed record SomethingLater;
}
