using Partnership.BillingAccount.Domain;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>An ended partnership: no new clouds in the subaccount; those in it stay billed to it, and it keeps what it owes.</summary>
public class EndingPartnershipTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);
    private static readonly SubaccountOpened SubOpened = new(Subaccount, Partner, Customer, CustomerId, Now);
    private static readonly SubaccountActivated Activated = new(Now);
    private static readonly SubaccountPartnershipEnded Ended = new(Later);

    [Fact]
    public void The_subaccount_takes_no_new_clouds_once_the_partnership_ended()
    {
        Spec.Given(SubOpened, Activated).When(new EndSubaccountPartnership(Later)).Then(Ended);
        var state = Spec.Given(SubOpened, Activated).StateAfter(Ended);
        Assert.False(state.Billable);
        Assert.True(state.Chargeable);
    }

    [Fact]
    public void Clouds_left_in_it_are_still_charged_to_it() =>
        Spec.Given(SubOpened, Activated, Ended).When(new RecordCharge("r1", CloudId, 10m, "RUB", Later))
            .Then(new ChargeAccruedV2("r1", CloudId, 10m, 0m, 10m, "RUB", Later));

    [Fact]
    public void Ending_again_or_on_a_personal_account_changes_nothing()
    {
        Spec.Given(SubOpened, Activated, Ended).When(new EndSubaccountPartnership(Later)).ThenNothing();
        Spec.Given(new PersonalAccountOpened(CustomerPersonal, Customer, 100m, "RUB", Now)).When(new EndSubaccountPartnership(Later)).ThenNothing();
    }
}
