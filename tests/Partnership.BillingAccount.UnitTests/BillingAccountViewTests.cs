using JasperFx.Events;
using Partnership.BillingAccount.Accounts.Reading;
using Partnership.BillingAccount.Domain;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>The listed billing accounts, folded by the account's own Evolve: what the list shows follows the record.</summary>
public class BillingAccountViewTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);

    [Fact]
    public void A_subaccount_is_billable_while_its_partnership_is_active_whatever_order_the_changes_came_in()
    {
        var opened = new SubaccountOpened(Subaccount, Partner, Customer, CustomerId, Now);
        Assert.False(Fold(opened)!.Billable);
        Assert.True(Fold(opened, new SubaccountActivated(Now))!.Billable);
        Assert.False(Fold(opened, new SubaccountActivated(Now), new SubaccountSuspended(5, Later))!.Billable);
        Assert.True(Fold(opened, new SubaccountActivated(Now), new SubaccountSuspended(5, Later), new SubaccountResumed(6, Later))!.Billable);
        Assert.False(Fold(opened, new SubaccountPartnershipEnded(Later), new SubaccountActivated(Now))!.Billable);
    }

    [Fact]
    public void A_personal_account_shows_its_grant_debt_clouds_and_stream_version()
    {
        var view = Fold(new PersonalAccountOpened(CustomerPersonal, Customer, 100m, "RUB", Now), new SwitchedToPaidConsumption(Customer, 100m, "RUB", Now),
            new ChargeAccruedV2("r1", "b1g00000000000000001", 130m, 100m, 30m, "RUB", Later), new OutstandingPaidV2("p1", 10m, "RUB", Later),
            new CloudBound("b1g00000000000000001", 1, Now), new CloudBound("b1g00000000000000002", 1, Now), new CloudBound("b1g00000000000000001", 1, Now),
            new CloudUnbound("b1g00000000000000002", 2, Later))!;

        Assert.Equal((CustomerPersonal, BillingAccountKind.Personal, Customer, ConsumptionMode.Paid, "RUB", Now),
            (view.Id, view.Kind, view.OwnerAccountId, view.Mode, view.Currency, view.CreatedAt));
        Assert.Equal((0m, 20m), (view.InitialGrant, view.Outstanding));
        Assert.Equal(["b1g00000000000000001"], view.CloudIds);
        Assert.True(view.Billable);
        Assert.Equal(8, view.Version);
    }

    [Fact]
    public void Changes_to_an_account_not_opened_make_no_view()
    {
        Assert.Null(Fold(new SubaccountActivated(Now)));
    }

    // As the daemon hands a stream's events, numbered by their stream version (the ID comes from the opening event).
    private static BillingAccountView? Fold(params object[] events)
    {
        var projection = new BillingAccountViewProjection();
        BillingAccountView? view = null;
        for (var i = 0; i < events.Length; i++)
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(events[i].GetType()), events[i])!;
            e.Version = i + 1;
            view = projection.Evolve(view, "", e);
        }
        return view;
    }
}
