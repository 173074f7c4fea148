using Partnership.BillingAccount.Domain;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>Given an account's stream, when a binding copied from a cloud stream arrives (maybe again, maybe late), then its cloud list.</summary>
public class BindingCloudsTests
{
    private static readonly SubaccountOpened Opened = new(Subaccount, Partner, Customer, CustomerId, Now);

    [Fact]
    public void A_bound_cloud_is_listed_and_an_unbound_one_is_not()
    {
        Spec.Given(Opened).When(new BindCloud(CloudId, 2, Now)).Then(new CloudBound(CloudId, 2, Now));
        Assert.Equal([CloudId], Spec.Given(Opened, new CloudBound(CloudId, 2, Now)).StateAfter().CloudIds);
        Spec.Given(Opened, new CloudBound(CloudId, 2, Now)).When(new UnbindCloud(CloudId, 3, Now)).Then(new CloudUnbound(CloudId, 3, Now));
        Assert.Empty(Spec.Given(Opened, new CloudBound(CloudId, 2, Now), new CloudUnbound(CloudId, 3, Now)).StateAfter().CloudIds);
    }

    [Fact]
    public void The_same_copy_twice_changes_nothing()
    {
        Spec.Given(Opened, new CloudBound(CloudId, 2, Now)).When(new BindCloud(CloudId, 2, Now)).ThenNothing();
        Spec.Given(Opened, new CloudBound(CloudId, 2, Now), new CloudUnbound(CloudId, 3, Now)).When(new UnbindCloud(CloudId, 3, Now)).ThenNothing();
    }

    [Fact]
    public void A_late_copy_never_undoes_a_newer_one() =>
        // Moved here at 2, away at 3; the repair subscription replays the move in at 2 afterwards.
        Spec.Given(Opened, new CloudBound(CloudId, 2, Now), new CloudUnbound(CloudId, 3, Now)).When(new BindCloud(CloudId, 2, Now)).ThenNothing();

    [Fact]
    public void Moving_back_binds_again() =>
        Spec.Given(Opened, new CloudBound(CloudId, 1, Now), new CloudUnbound(CloudId, 2, Now)).When(new BindCloud(CloudId, 3, Now))
            .Then(new CloudBound(CloudId, 3, Now));

    [Fact]
    public void Clouds_keep_the_order_they_were_bound_in()
    {
        var other = CloudIds.For(Customer, "other");
        var state = Spec.Given(Opened, new CloudBound(CloudId, 1, Now), new CloudBound(other, 1, Now), new CloudBound(CloudId, 1, Now)).StateAfter();
        Assert.Equal([CloudId, other], state.CloudIds);
    }

    [Fact]
    public void No_account_no_copy() => Spec.Given().When(new BindCloud(CloudId, 1, Now)).ThenNothing();
}
