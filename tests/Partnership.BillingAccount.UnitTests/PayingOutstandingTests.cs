using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class PayingOutstandingTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(2);
    private static readonly PersonalAccountOpened Opened = new(CustomerPersonal, Customer, 100m, "RUB", Now);
    private static readonly ChargeAccrued Owing = new(CloudId, 130m, 100m, 30m, "RUB", Now.AddDays(1));
    private static readonly SubaccountOpened SubOpened = new(Subaccount, Partner, Customer, CustomerId, Now);
    private static readonly ChargeAccrued SubOwing = new(CloudId, 12m, 0m, 12m, "RUB", Now.AddDays(1));

    [Fact]
    public void The_owner_pays_everything_owed()
    {
        Spec.Given(Opened, Owing).When(new PayOutstanding(Customer, "RUB", Later)).Then(new OutstandingPaid(30m, "RUB", Later));
        Assert.Equal(0m, Spec.Given(Opened, Owing).StateAfter(new OutstandingPaid(30m, "RUB", Later)).Outstanding);
    }

    [Fact]
    public void Owing_nothing_is_a_no_op()
    {
        Spec.Given(Opened).When(new PayOutstanding(Customer, "RUB", Later)).ThenNothing();
        Spec.Given(Opened, Owing, new OutstandingPaid(30m, "RUB", Later)).When(new PayOutstanding(Customer, "RUB", Later)).ThenNothing();
    }

    [Fact]
    public void The_partner_pays_for_its_subaccount() =>
        Spec.Given(SubOpened, SubOwing).When(new PayOutstanding(Partner, "RUB", Later)).Then(new OutstandingPaid(12m, "RUB", Later));

    [Fact]
    public void The_customer_of_a_subaccount_may_see_it_but_not_pay_it() =>
        Spec.Given(SubOpened, SubOwing).When(new PayOutstanding(Customer, "RUB", Later)).ThenFails(DomainErrorKind.PermissionDenied, "partner");

    [Fact]
    public void A_stranger_does_not_even_find_the_account() =>
        Spec.Given(Opened, Owing).When(new PayOutstanding(Stranger, "RUB", Later)).ThenFails(DomainErrorKind.NotFound);
}
