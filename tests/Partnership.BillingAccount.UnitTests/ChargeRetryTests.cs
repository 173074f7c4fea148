using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;
using RequestSpec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.ChargeRequestRecord, Partnership.BillingAccount.Domain.ChargeRequestCommand>;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>One charge per request ID: on the charge-request stream, and again on the account charged.</summary>
public class ChargeRetryTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);
    private static readonly PersonalAccountOpened Opened = new(CustomerPersonal, Customer, 100m, "RUB", Now);
    private static readonly ChargeAccruedV2 Charged = new("r1", CloudId, 60m, 60m, 0m, "RUB", Later);
    private static readonly ChargeRequested Requested = new("r1", CloudId, 60m, CustomerPersonal, Later);

    private static RecordCharge Charge(string requestId = "r1", decimal amount = 60m, string cloudId = "") =>
        new(requestId, cloudId.Length > 0 ? cloudId : CloudId, amount, "RUB", Later);

    [Fact]
    public void A_retry_with_the_same_request_id_counts_once()
    {
        Spec.Given(Opened, Charged).When(Charge()).ThenNothing();
        Assert.Equal(40m, Spec.Given(Opened, Charged).StateAfter().InitialGrant);
    }

    [Fact]
    public void Another_request_id_for_the_same_amount_is_another_charge() =>
        Spec.Given(Opened, Charged).When(Charge("r2")).Then(new ChargeAccruedV2("r2", CloudId, 60m, 40m, 20m, "RUB", Later));

    [Fact]
    public void The_same_request_id_with_another_amount_or_cloud_is_refused()
    {
        Spec.Given(Opened, Charged).When(Charge(amount: 61m)).ThenFails(DomainErrorKind.AlreadyExists, "60.00 RUB");
        Spec.Given(Opened, Charged).When(Charge(cloudId: "b1gothercloud0000000")).ThenFails(DomainErrorKind.AlreadyExists, CloudId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("r\n1")]
    [InlineData("a-request-id-that-is-sixty-five-characters-long-00000000000000000")]
    public void A_charge_without_a_proper_request_id_is_refused_naming_the_field(string requestId)
    {
        Assert.Equal("request_id", Spec.Given(Opened).When(Charge(requestId)).ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("request_id", RequestSpec.Given().When(new RequestCharge(requestId, CloudId, 60m, CustomerPersonal, Later))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.001")]
    [InlineData("1000000000000.01")]
    public void Amounts_not_positive_finer_than_cents_or_huge_are_refused_naming_the_field(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("amount", Spec.Given(Opened).When(Charge(amount: value)).ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("amount", RequestSpec.Given().When(new RequestCharge("r1", CloudId, value, CustomerPersonal, Later))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }

    [Fact]
    public void The_first_request_is_remembered_with_the_account_to_charge() =>
        RequestSpec.Given().When(new RequestCharge("r1", CloudId, 60m, CustomerPersonal, Later)).Then(Requested);

    [Fact]
    public void A_retry_after_the_cloud_moved_keeps_the_account_first_charged()
    {
        RequestSpec.Given(Requested).When(new RequestCharge("r1", CloudId, 60m, Subaccount, Later.AddHours(1))).ThenNothing();
        Assert.Equal(CustomerPersonal, RequestSpec.Given(Requested).StateAfter().BillingAccountId);
    }

    [Fact]
    public void A_request_id_already_naming_another_charge_is_refused()
    {
        RequestSpec.Given(Requested).When(new RequestCharge("r1", CloudId, 61m, CustomerPersonal, Later)).ThenFails(DomainErrorKind.AlreadyExists);
        RequestSpec.Given(Requested).When(new RequestCharge("r1", "b1gothercloud0000000", 60m, CustomerPersonal, Later))
            .ThenFails(DomainErrorKind.AlreadyExists);
    }
}
