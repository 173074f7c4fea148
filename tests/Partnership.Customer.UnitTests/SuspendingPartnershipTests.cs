using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Integration;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.EventSourcing;
using static Partnership.CustomerService.UnitTests.Invited;
using Partnership.Contracts.IntegrationEvents;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.CustomerRecord, Partnership.CustomerService.Domain.CustomerCommand>;

namespace Partnership.CustomerService.UnitTests;

/// <summary>An operator suspends an Active partnership and resumes it; either side may still end it meanwhile.</summary>
public class SuspendingPartnershipTests
{
    private const string Operator = "ajeoperator000000001";
    private static readonly PartnershipConfirmed Confirmed = new(Partner, CustomerAccount, Subaccount, Now);
    private static readonly PartnershipSuspended Suspended = new(Partner, CustomerAccount, Subaccount, Operator, Now);
    private static readonly PartnershipResumed Resumed = new(Partner, CustomerAccount, Subaccount, Operator, Now);

    [Fact]
    public void An_operator_suspends_an_active_partnership()
    {
        Spec.Given(Created, Assigned, Confirmed).When(new SuspendPartnership(Operator, Now)).Then(Suspended);
        Assert.Equal(CustomerStatus.Suspended, Spec.Given(Created, Assigned, Confirmed).StateAfter(Suspended).Status);
    }

    [Fact]
    public void An_operator_resumes_a_suspended_partnership_and_it_is_active_again()
    {
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new ResumePartnership(Operator, Now)).Then(Resumed);
        Assert.Equal(CustomerStatus.Active, Spec.Given(Created, Assigned, Confirmed, Suspended).StateAfter(Resumed).Status);
    }

    [Fact]
    public void Suspending_again_or_resuming_a_running_partnership_is_a_no_op()
    {
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new SuspendPartnership(Operator, Now)).ThenNothing();
        Spec.Given(Created, Assigned, Confirmed).When(new ResumePartnership(Operator, Now)).ThenNothing();
        Spec.Given(Created, Assigned, Confirmed, Suspended, Resumed).When(new ResumePartnership(Operator, Now)).ThenNothing();
    }

    [Fact]
    public void A_record_that_does_not_exist_is_not_found()
    {
        Spec.Given().When(new SuspendPartnership(Operator, Now)).ThenFails(DomainErrorKind.NotFound);
        Spec.Given().When(new ResumePartnership(Operator, Now)).ThenFails(DomainErrorKind.NotFound);
    }

    [Fact]
    public void Only_an_active_partnership_can_be_suspended()
    {
        Spec.Given(Created, Assigned).When(new SuspendPartnership(Operator, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "not confirmed");
        Spec.Given(Created, Assigned, new InvitationDeclined(Partner, CustomerAccount, Subaccount, Now))
            .When(new SuspendPartnership(Operator, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "declined");
        Spec.Given(Created, Assigned, Confirmed, new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now))
            .When(new SuspendPartnership(Operator, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "ended");
    }

    [Fact]
    public void An_ended_or_unconfirmed_partnership_cannot_be_resumed()
    {
        Spec.Given(Created, Assigned).When(new ResumePartnership(Operator, Now)).ThenFails(DomainErrorKind.FailedPrecondition);
        Spec.Given(Created, Assigned, Confirmed, Suspended, new PartnershipEnded(Partner, CustomerAccount, Subaccount, CustomerAccount, Now))
            .When(new ResumePartnership(Operator, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "ended");
    }

    [Fact]
    public void Either_side_ends_a_suspended_partnership()
    {
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new EndPartnership(Partner, Now))
            .Then(new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now));
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new EndPartnership(CustomerAccount, Now))
            .Then(new PartnershipEnded(Partner, CustomerAccount, Subaccount, CustomerAccount, Now));
    }

    [Fact]
    public void A_suspended_partnership_was_confirmed_accepting_repeats_nothing_and_declining_is_refused()
    {
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new AcceptInvite(CustomerAccount, Now)).ThenNothing();
        Spec.Given(Created, Assigned, Confirmed, Suspended).When(new DeclineInvite(CustomerAccount, Now))
            .ThenFails(DomainErrorKind.FailedPrecondition, "confirmed");
        var suspended = Spec.Given(Created, Assigned, Confirmed, Suspended).StateAfter();
        Assert.Equal(DomainErrorKind.FailedPrecondition,
            Assert.Throws<DomainException>(() => InviteLinks.ForPartner(suspended, Partner, "https://p")).Kind);
    }

    [Fact]
    public void An_ended_partnership_cannot_be_confirmed_again_nor_declined()
    {
        var ended = new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now);
        Spec.Given(Created, Assigned, Confirmed, ended).When(new AcceptInvite(CustomerAccount, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "ended");
        Spec.Given(Created, Assigned, Confirmed, ended).When(new DeclineInvite(CustomerAccount, Now)).ThenFails(DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void The_integration_events_carry_the_record_version_that_orders_them()
    {
        var mapper = new CustomerIntegrationEvents();
        var suspended = Assert.IsType<PartnershipSuspendedIntegrationEvent>(mapper.Map(Recorded(Suspended, 5)));
        var resumed = Assert.IsType<PartnershipResumedIntegrationEvent>(mapper.Map(Recorded(Resumed, 6)));
        Assert.Equal(("cst1", Subaccount, Operator, 5L), (suspended.CustomerId, suspended.SubaccountId, suspended.SuspendedByAccountId, suspended.CustomerVersion));
        Assert.Equal(("cst1", Subaccount, Operator, 6L), (resumed.CustomerId, resumed.SubaccountId, resumed.ResumedByAccountId, resumed.CustomerVersion));
    }

    [Fact]
    public void The_history_names_the_operator()
    {
        var history = CustomerHistory.Of([Recorded(Suspended, 5), Recorded(Resumed, 6)]);
        Assert.Equal(["partnership-suspended", "partnership-resumed"], history.Select(e => e.Change));
        Assert.All(history, e => Assert.Equal((Operator, CustomerHistory.Operator), (e.ActorAccountId, e.Actor)));
    }

    private static RecordedEvent Recorded(object data, long version) =>
        new(Guid.NewGuid(), CustomerIds.Stream("cst1"), version, 100 + version, data.GetType().Name, data, Now, null);
}
