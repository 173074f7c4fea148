using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;
using CloudSpec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.CloudRecord, Partnership.BillingAccount.Domain.CloudCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class ChargingTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);
    private static readonly PersonalAccountOpened Opened = new(CustomerPersonal, Customer, 100m, "RUB", Now);
    private static readonly SubaccountOpened SubOpened = new(Subaccount, Partner, Customer, CustomerId, Now);

    [Fact]
    public void The_initial_grant_pays_first()
    {
        Spec.Given(Opened).When(new RecordCharge("r1", CloudId, 60m, "RUB", Later)).Then(new ChargeAccruedV2("r1", CloudId, 60m, 60m, 0m, "RUB", Later));
        var state = Spec.Given(Opened).StateAfter(new ChargeAccruedV2("r1", CloudId, 60m, 60m, 0m, "RUB", Later));
        Assert.Equal(40m, state.InitialGrant);
        Assert.Equal(0m, state.Outstanding);
    }

    [Fact]
    public void What_the_grant_cannot_cover_becomes_outstanding()
    {
        var first = new ChargeAccrued(CloudId, 60m, 60m, 0m, "RUB", Later);
        Spec.Given(Opened, first).When(new RecordCharge("r1", CloudId, 70.50m, "RUB", Later)).Then(new ChargeAccruedV2("r1", CloudId, 70.50m, 40m, 30.50m, "RUB", Later));
        var state = Spec.Given(Opened, first).StateAfter(new ChargeAccruedV2("r1", CloudId, 70.50m, 40m, 30.50m, "RUB", Later));
        Assert.Equal(0m, state.InitialGrant);
        Assert.Equal(30.50m, state.Outstanding);
    }

    [Fact]
    public void Once_the_grant_is_spent_everything_is_outstanding() =>
        Spec.Given(Opened, new ChargeAccrued(CloudId, 100m, 100m, 0m, "RUB", Later))
            .When(new RecordCharge("r1", CloudId, 5m, "RUB", Later)).Then(new ChargeAccruedV2("r1", CloudId, 5m, 0m, 5m, "RUB", Later));

    [Fact]
    public void Paid_mode_keeps_spending_the_grant_first() =>
        Spec.Given(Opened, new SwitchedToPaidConsumption(Customer, 100m, "RUB", Now))
            .When(new RecordCharge("r1", CloudId, 150m, "RUB", Later)).Then(new ChargeAccruedV2("r1", CloudId, 150m, 100m, 50m, "RUB", Later));

    [Fact]
    public void A_subaccount_has_no_grant_and_owes_in_the_configured_currency() =>
        Spec.Given(SubOpened, new SubaccountActivated(Later)).When(new RecordCharge("r1", CloudId, 10m, "RUB", Later))
            .Then(new ChargeAccruedV2("r1", CloudId, 10m, 0m, 10m, "RUB", Later));

    [Fact]
    public void Nothing_is_billed_to_a_subaccount_before_its_customer_confirms() =>
        Spec.Given(SubOpened).When(new RecordCharge("r1", CloudId, 10m, "RUB", Later)).ThenFails(DomainErrorKind.FailedPrecondition, "confirms");

    [Fact]
    public void A_subaccount_is_activated_once() =>
        Spec.Given(SubOpened, new SubaccountActivated(Later)).When(new ActivateSubaccount(Later)).ThenNothing();

    [Fact]
    public void A_charge_on_no_account_is_not_found() =>
        Spec.Given().When(new RecordCharge("r1", CloudId, 10m, "RUB", Later)).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void A_cloud_never_linked_is_charged_to_its_own_account() =>
        Assert.Equal(CustomerPersonal, CloudSpec.Given(Created).StateAfter().BillingAccountToCharge());

    [Fact]
    public void Charges_follow_the_binding_after_a_move_and_back()
    {
        Assert.Equal(Subaccount, CloudSpec.Given(Created, Moved(CustomerPersonal, Subaccount, Partner)).StateAfter().BillingAccountToCharge());
        Assert.Equal(CustomerPersonal, CloudSpec.Given(Created, Moved(CustomerPersonal, Subaccount, Partner),
            Moved(Subaccount, CustomerPersonal, Customer)).StateAfter().BillingAccountToCharge());
    }

    [Fact]
    public void An_unknown_cloud_cannot_be_charged() =>
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => CloudRecord.Initial.BillingAccountToCharge()).Kind);

    [Theory]
    [InlineData("120.50", "120.50")]
    [InlineData("1", "1")]
    [InlineData("0.01", "0.01")]
    [InlineData("7.000", "7.000")]
    public void Amounts_are_positive_decimals_with_two_places_at_most(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MoneyAmount.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("0.001")]
    [InlineData("abc")]
    [InlineData("1000000000000.01")]
    public void Other_amounts_are_refused_naming_the_field(string? text)
    {
        var error = Assert.Throws<DomainException>(() => MoneyAmount.Parse(text));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("amount", error.Field);
    }
}
