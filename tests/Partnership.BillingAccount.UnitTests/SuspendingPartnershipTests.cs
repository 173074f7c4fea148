using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using AccountSpec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.BillingAccountRecord, Partnership.BillingAccount.Domain.BillingAccountCommand>;
using CloudSpec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.CloudRecord, Partnership.BillingAccount.Domain.CloudCommand>;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>
/// A suspended partnership: no new clouds in the subaccount until resumed; those in it stay billed to it. Suspensions and
/// resumptions come on two queues, so the customer record version they carry decides which is the latest.
/// </summary>
public class SuspendingPartnershipTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);
    private static readonly SubaccountOpened SubOpened = new(Subaccount, Partner, Customer, CustomerId, Now);
    private static readonly SubaccountActivated Activated = new(Now);

    [Fact]
    public void A_suspended_subaccount_takes_no_new_clouds_but_stays_chargeable()
    {
        AccountSpec.Given(SubOpened, Activated).When(new SuspendSubaccount(5, Later)).Then(new SubaccountSuspended(5, Later));
        var state = AccountSpec.Given(SubOpened, Activated).StateAfter(new SubaccountSuspended(5, Later));
        Assert.False(state.Billable);
        Assert.True(state.Chargeable);
    }

    [Fact]
    public void A_resumed_subaccount_takes_clouds_again()
    {
        AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later)).When(new ResumeSubaccount(6, Later))
            .Then(new SubaccountResumed(6, Later));
        Assert.True(AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later)).StateAfter(new SubaccountResumed(6, Later)).Billable);
    }

    [Fact]
    public void A_redelivered_suspension_or_resumption_changes_nothing()
    {
        AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later)).When(new SuspendSubaccount(5, Later)).ThenNothing();
        AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later), new SubaccountResumed(6, Later))
            .When(new ResumeSubaccount(6, Later)).ThenNothing();
    }

    [Fact]
    public void A_suspension_overtaken_by_its_resumption_is_ignored_when_it_arrives()
    {
        // The resumption (version 6) arrived first: it is recorded although nothing was suspended, so the older suspension
        // (version 5) arriving now changes nothing and the subaccount stays billable.
        AccountSpec.Given(SubOpened, Activated).When(new ResumeSubaccount(6, Later)).Then(new SubaccountResumed(6, Later));
        AccountSpec.Given(SubOpened, Activated, new SubaccountResumed(6, Later)).When(new SuspendSubaccount(5, Later)).ThenNothing();
        Assert.True(AccountSpec.Given(SubOpened, Activated, new SubaccountResumed(6, Later)).StateAfter().Billable);
    }

    [Fact]
    public void A_resumption_overtaken_by_a_later_suspension_is_ignored_when_it_arrives()
    {
        // Suspended (5), resumed (6), suspended again (7): the resumption arriving last must not lift the second suspension.
        AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(7, Later)).When(new ResumeSubaccount(6, Later)).ThenNothing();
        Assert.False(AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(7, Later)).StateAfter().Billable);
    }

    [Fact]
    public void A_suspension_arriving_before_the_confirmation_still_holds_after_it() =>
        Assert.False(AccountSpec.Given(SubOpened, new SubaccountSuspended(5, Later), Activated).StateAfter().Billable);

    [Fact]
    public void Resuming_an_ended_partnership_adds_no_clouds() =>
        Assert.False(AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later), new SubaccountPartnershipEnded(Later),
            new SubaccountResumed(6, Later)).StateAfter().Billable);

    [Fact]
    public void A_personal_account_is_never_suspended() =>
        AccountSpec.Given(new PersonalAccountOpened(CustomerPersonal, Customer, 100m, "RUB", Now)).When(new SuspendSubaccount(5, Later)).ThenNothing();

    [Fact]
    public void Clouds_left_in_it_are_still_charged_to_it() =>
        AccountSpec.Given(SubOpened, Activated, new SubaccountSuspended(5, Later)).When(new RecordCharge("r1", CloudId, 10m, "RUB", Later))
            .Then(new ChargeAccruedV2("r1", CloudId, 10m, 0m, 10m, "RUB", Later));

    [Fact]
    public void No_cloud_is_created_in_a_suspended_subaccount_and_the_refusal_says_why()
    {
        var suspended = Account(SubOpened, Activated, new SubaccountSuspended(5, Later));
        CloudSpec.Given().When(new CreateCloud(CloudId, Request(Subaccount), Customer, suspended, Now, suspended.Billable, true))
            .ThenFails(DomainErrorKind.FailedPrecondition, "suspended");
        var resumed = Account(SubOpened, Activated, new SubaccountSuspended(5, Later), new SubaccountResumed(6, Later));
        CloudSpec.Given().When(new CreateCloud(CloudId, Request(Subaccount), Customer, resumed, Now, resumed.Billable, true))
            .Then(new CloudCreated(CloudId, "prod", OrganizationId, Customer, Subaccount, Now));
    }

    [Fact]
    public void No_cloud_is_linked_into_a_suspended_subaccount_not_even_by_its_partner()
    {
        var suspended = Account(SubOpened, Activated, new SubaccountSuspended(5, Later));
        var access = new LinkAccess(CustomerPersonal, Holds(CloudRoles, "editor"), Holds(BillingAccountRoles, "billing.accounts.editor"));
        CloudSpec.Given(Created).When(new LinkCloud(Partner, Subaccount, suspended, access, new Owing(0m, "RUB"), Later, suspended.Billable, true))
            .ThenFails(DomainErrorKind.FailedPrecondition, "suspended");
        var resumed = Account(SubOpened, Activated, new SubaccountSuspended(5, Later), new SubaccountResumed(6, Later));
        CloudSpec.Given(Created).When(new LinkCloud(Partner, Subaccount, resumed, access, new Owing(0m, "RUB"), Later, resumed.Billable, true))
            .Then(new CloudMoved(CustomerPersonal, Subaccount, Partner, 0m, "RUB", Later));
    }
}
