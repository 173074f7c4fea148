using Partnership.BillingAccount.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class OpeningBillingAccountsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Owner = "ajeowner000000000001";
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private static readonly string PersonalId = BillingAccountIds.Personal(Owner);
    private static readonly string SubaccountId = BillingAccountIds.Subaccount(CustomerId);
    private static readonly PersonalAccountOpened Opened = new(PersonalId, Owner, 4000m, "RUB", Now);
    private static readonly SubaccountOpened SubOpened = new(SubaccountId, Partner, CustomerAccount, CustomerId, Now);

    [Fact]
    public void A_personal_account_opens_in_trial_mode_with_the_initial_grant()
    {
        Spec.Given().When(new OpenPersonalAccount(PersonalId, Owner, 4000m, "RUB", Now)).Then(Opened);
        var state = Spec.Given().StateAfter(Opened);
        Assert.Equal(BillingAccountKind.Personal, state.Kind);
        Assert.Equal(ConsumptionMode.Trial, state.Mode);
        Assert.Equal(4000m, state.InitialGrant);
        Assert.Equal("RUB", state.Currency);
        Assert.Equal(Owner, state.OwnerAccountId);
        Assert.Equal(Now, state.CreatedAt);
    }

    [Fact]
    public void The_grant_and_currency_come_from_the_command() =>
        Spec.Given().When(new OpenPersonalAccount(PersonalId, Owner, 150.5m, "USD", Now))
            .Then(new PersonalAccountOpened(PersonalId, Owner, 150.5m, "USD", Now));

    [Fact]
    public void Opening_a_personal_account_again_is_a_no_op() =>
        Spec.Given(Opened).When(new OpenPersonalAccount(PersonalId, Owner, 9999m, "RUB", Now.AddDays(1))).ThenNothing();

    [Fact]
    public void A_subaccount_opens_in_paid_mode_under_the_partner()
    {
        Spec.Given().When(new OpenSubaccount(SubaccountId, Partner, CustomerAccount, CustomerId, Now)).Then(SubOpened);
        Spec.Given().When(new OpenSubaccount(SubaccountId, Partner, CustomerAccount, CustomerId, Now, "Acme LLC"))
            .Then(SubOpened with { CustomerName = "Acme LLC" });
        var state = Spec.Given().StateAfter(SubOpened);
        Assert.Equal(BillingAccountKind.PartnerSubaccount, state.Kind);
        Assert.Equal(ConsumptionMode.Paid, state.Mode);
        Assert.Equal(Partner, state.OwnerAccountId);
        Assert.Equal(CustomerAccount, state.CustomerAccountId);
        Assert.Equal(CustomerId, state.CustomerId);
        Assert.Equal(0m, state.InitialGrant);
    }

    [Fact]
    public void Opening_a_subaccount_again_is_a_no_op() =>
        Spec.Given(SubOpened).When(new OpenSubaccount(SubaccountId, Partner, CustomerAccount, CustomerId, Now.AddDays(1))).ThenNothing();

    [Fact]
    public void A_subaccount_is_visible_to_the_partner_and_the_customer_only()
    {
        var state = Spec.Given(SubOpened).StateAfter();
        Assert.True(state.IsVisibleTo(Partner));
        Assert.True(state.IsVisibleTo(CustomerAccount));
        Assert.False(state.IsVisibleTo("ajesomeoneelse000001"));
    }

    [Fact]
    public void A_personal_account_is_visible_to_its_owner_only()
    {
        var state = Spec.Given(Opened).StateAfter();
        Assert.True(state.IsVisibleTo(Owner));
        Assert.False(state.IsVisibleTo(Partner));
        Assert.False(state.IsVisibleTo(""));
        Assert.False(BillingAccountRecord.Initial.IsVisibleTo(""));
    }
}
