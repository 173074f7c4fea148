using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class SwitchingToPaidConsumptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(3);
    private const string Owner = "ajeowner000000000001";
    private const string Partner = "ajepartner0000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private static readonly string PersonalId = BillingAccountIds.Personal(Owner);
    private static readonly PersonalAccountOpened Opened = new(PersonalId, Owner, 4000m, "RUB", Now);
    private static readonly SwitchedToPaidConsumption Switched = new(Owner, 4000m, "RUB", Later);

    [Fact]
    public void Switching_to_paid_keeps_the_unspent_initial_grant()
    {
        Spec.Given(Opened).When(new SwitchToPaidConsumption(Later)).Then(Switched);
        var state = Spec.Given(Opened).StateAfter(Switched);
        Assert.Equal(ConsumptionMode.Paid, state.Mode);
        Assert.Equal(4000m, state.InitialGrant);
        Assert.Equal("RUB", state.Currency);
    }

    [Fact]
    public void Switching_twice_is_a_no_op() =>
        Spec.Given(Opened, Switched).When(new SwitchToPaidConsumption(Later.AddHours(1))).ThenNothing();

    [Fact]
    public void A_subaccount_cannot_be_switched() =>
        Spec.Given(new SubaccountOpened(BillingAccountIds.Subaccount(CustomerId), Partner, "ajecustomer000000001", CustomerId, Now))
            .When(new SwitchToPaidConsumption(Later)).ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void Switching_without_a_billing_account_is_not_found() =>
        Spec.Given().When(new SwitchToPaidConsumption(Later)).ThenFails(DomainErrorKind.NotFound, "no billing account yet");
}
