using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class PayingOutstandingTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(2);
    private static readonly PersonalAccountOpened Opened = new(CustomerPersonal, Customer, 100m, "RUB", Now);
    private static readonly ChargeAccruedV2 Owing = new("charge-1", CloudId, 130m, 100m, 30m, "RUB", Now.AddDays(1));
    private static readonly SubaccountOpened SubOpened = new(Subaccount, Partner, Customer, CustomerId, Now);
    private static readonly ChargeAccruedV2 SubOwing = new("charge-2", CloudId, 12m, 0m, 12m, "RUB", Now.AddDays(1));

    private static PayOutstanding Pay(string caller, decimal amount, string reference = "pay-1", long? expectedVersion = null) =>
        new(caller, amount, reference, expectedVersion, "RUB", Later);

    [Fact]
    public void The_owner_pays_everything_owed()
    {
        Spec.Given(Opened, Owing).When(Pay(Customer, 30m)).Then(new OutstandingPaidV2("pay-1", 30m, "RUB", Later));
        Assert.Equal(0m, Spec.Given(Opened, Owing).StateAfter(new OutstandingPaidV2("pay-1", 30m, "RUB", Later)).Outstanding);
    }

    [Fact]
    public void A_partial_payment_reduces_what_is_owed_by_its_amount()
    {
        Spec.Given(Opened, Owing).When(Pay(Customer, 12.34m)).Then(new OutstandingPaidV2("pay-1", 12.34m, "RUB", Later));
        var after = Spec.Given(Opened, Owing).StateAfter(new OutstandingPaidV2("pay-1", 12.34m, "RUB", Later));
        Assert.Equal(17.66m, after.Outstanding);
        Spec.Given(Opened, Owing, new OutstandingPaidV2("pay-1", 12.34m, "RUB", Later)).When(Pay(Customer, 17.66m, "pay-2"))
            .Then(new OutstandingPaidV2("pay-2", 17.66m, "RUB", Later));
    }

    [Fact]
    public void Paying_more_than_is_owed_is_refused_saying_what_is_owed() =>
        Spec.Given(Opened, Owing).When(Pay(Customer, 30.01m)).ThenFails(DomainErrorKind.FailedPrecondition, "owes 30.00 RUB");

    [Fact]
    public void Owing_nothing_leaves_nothing_to_pay()
    {
        Spec.Given(Opened).When(Pay(Customer, 1m)).ThenFails(DomainErrorKind.FailedPrecondition, "owes 0.00 RUB");
        // Paid in full under V1, before payments had references: still folded.
        Spec.Given(Opened, Owing, new OutstandingPaid(30m, "RUB", Later)).When(Pay(Customer, 1m))
            .ThenFails(DomainErrorKind.FailedPrecondition, "owes 0.00 RUB");
    }

    [Fact]
    public void Paying_twice_with_one_reference_counts_once()
    {
        var paid = new OutstandingPaidV2("pay-1", 10m, "RUB", Later);
        Spec.Given(Opened, Owing, paid).When(Pay(Customer, 10m)).ThenNothing();
        Assert.Equal(20m, Spec.Given(Opened, Owing, paid).StateAfter().Outstanding);
        // Even when the retry carries the version the first attempt saw, and the debt is now paid off.
        Spec.Given(Opened, Owing, new OutstandingPaidV2("pay-1", 30m, "RUB", Later)).When(Pay(Customer, 30m, expectedVersion: 2)).ThenNothing();
    }

    [Fact]
    public void One_reference_with_another_amount_is_refused() =>
        Spec.Given(Opened, Owing, new OutstandingPaidV2("pay-1", 10m, "RUB", Later)).When(Pay(Customer, 11m))
            .ThenFails(DomainErrorKind.AlreadyExists, "10.00 RUB");

    [Fact]
    public void A_payment_at_the_expected_version_goes_through_and_at_another_is_refused()
    {
        Spec.Given(Opened, Owing).When(Pay(Customer, 30m, expectedVersion: 2)).Then(new OutstandingPaidV2("pay-1", 30m, "RUB", Later));
        Spec.Given(Opened, Owing).When(Pay(Customer, 30m, expectedVersion: 1)).ThenFails(DomainErrorKind.FailedPrecondition, "version 2");
        Spec.Given(Opened, Owing, SubOwing).When(Pay(Customer, 30m, expectedVersion: 2)).ThenFails(DomainErrorKind.FailedPrecondition, "expected_version 2");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.001")]
    [InlineData("1000000000000.01")]
    public void Amounts_not_positive_finer_than_cents_or_huge_are_refused_naming_the_field(string amount)
    {
        var error = Spec.Given(Opened, Owing).When(Pay(Customer, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)))
            .ThenFails(DomainErrorKind.InvalidArgument);
        Assert.Equal("amount", error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ref\u0000")]
    [InlineData("a-reference-that-is-sixty-five-characters-long-000000000000000000")]
    public void A_payment_without_a_proper_reference_is_refused_naming_the_field(string reference)
    {
        var error = Spec.Given(Opened, Owing).When(Pay(Customer, 30m, reference)).ThenFails(DomainErrorKind.InvalidArgument);
        Assert.Equal("payment_reference", error.Field);
    }

    [Fact]
    public void The_partner_pays_for_its_subaccount() =>
        Spec.Given(SubOpened, SubOwing).When(Pay(Partner, 12m)).Then(new OutstandingPaidV2("pay-1", 12m, "RUB", Later));

    [Fact]
    public void The_customer_of_a_subaccount_may_see_it_but_not_pay_it() =>
        Spec.Given(SubOpened, SubOwing).When(Pay(Customer, 12m)).ThenFails(DomainErrorKind.PermissionDenied, "partner");

    [Fact]
    public void A_stranger_does_not_even_find_the_account() =>
        Spec.Given(Opened, Owing).When(Pay(Stranger, 30m)).ThenFails(DomainErrorKind.NotFound);
}
