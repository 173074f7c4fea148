using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Integration;
using Partnership.EventSourcing;
using static Partnership.CustomerService.UnitTests.Invited;
using Partnership.Contracts.IntegrationEvents;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.CustomerRecord, Partnership.CustomerService.Domain.CustomerCommand>;

namespace Partnership.CustomerService.UnitTests;

/// <summary>An unanswered invitation expires; the partner invites a declined or expired customer again.</summary>
public class ExpiringAndReinvitingTests
{
    private static readonly TimeSpan Thirty = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset Later = Now + Thirty;
    private const string Portal = "https://partners.cloud.yandex.ru";
    private static readonly string Link = $"{Portal}/invite/accept/{Subaccount}";
    private static readonly InvitationExpired Expired = new(Partner, CustomerAccount, Subaccount, 1, Later);
    private static readonly InvitationDeclined Declined = new(Partner, CustomerAccount, Subaccount, Now);
    private static readonly CustomerReinvited Reinvited = new(Partner, CustomerAccount, Subaccount, "Acme", "acme@yandex.ru", Link, 2, Later);
    private static Reinvite ReinviteBy(string caller) => new("cst1", caller, Portal, Later);

    [Fact]
    public void An_invitation_unanswered_for_the_configured_time_expires()
    {
        Spec.Given(Created, Assigned).When(new ExpireInvitation(Thirty, Later)).Then(Expired);
        Assert.Equal(CustomerStatus.Expired, Spec.Given(Created, Assigned).StateAfter(Expired).Status);
    }

    [Fact]
    public void An_invitation_not_due_yet_does_not_expire() =>
        Spec.Given(Created, Assigned).When(new ExpireInvitation(Thirty, Later.AddTicks(-1))).ThenNothing();

    [Fact]
    public void Expiring_again_as_another_replica_would_is_a_no_op() =>
        Spec.Given(Created, Assigned, Expired).When(new ExpireInvitation(Thirty, Later)).ThenNothing();

    [Fact]
    public void An_answered_invitation_never_expires()
    {
        Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now))
            .When(new ExpireInvitation(Thirty, Later)).ThenNothing();
        Spec.Given(Created, Assigned, Declined).When(new ExpireInvitation(Thirty, Later)).ThenNothing();
    }

    [Fact]
    public void A_record_whose_subaccount_has_not_arrived_waits() =>
        Spec.Given(Created).When(new ExpireInvitation(Thirty, Later)).ThenNothing();

    [Fact]
    public void An_expired_invitation_cannot_be_accepted_or_declined_and_has_no_link()
    {
        Spec.Given(Created, Assigned, Expired).When(new AcceptInvite(CustomerAccount, Later)).ThenFails(DomainErrorKind.FailedPrecondition, "expired");
        Spec.Given(Created, Assigned, Expired).When(new DeclineInvite(CustomerAccount, Later)).ThenFails(DomainErrorKind.FailedPrecondition, "expired");
        var state = Spec.Given(Created, Assigned).StateAfter(Expired);
        var e = Assert.Throws<DomainException>(() => InviteLinks.ForPartner(state, Partner, Portal));
        Assert.Equal(DomainErrorKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public void An_expired_invitation_has_no_partnership_to_end_or_suspend()
    {
        Spec.Given(Created, Assigned, Expired).When(new EndPartnership(Partner, Later)).ThenFails(DomainErrorKind.FailedPrecondition, "expired");
        Spec.Given(Created, Assigned, Expired).When(new SuspendPartnership("ajeoperator000000001", Later))
            .ThenFails(DomainErrorKind.FailedPrecondition, "expired");
    }

    [Fact]
    public void The_partner_reinvites_an_expired_customer_and_the_record_awaits_an_answer_again()
    {
        Spec.Given(Created, Assigned, Expired).When(ReinviteBy(Partner)).Then(Reinvited);
        var state = Spec.Given(Created, Assigned, Expired).StateAfter(Reinvited);
        Assert.Equal(CustomerStatus.VerificationRequired, state.Status);
        Assert.Equal(2, state.Invitation);
        Assert.Equal(Link, InviteLinks.ForPartner(state, Partner, Portal));
    }

    [Fact]
    public void The_partner_reinvites_a_declined_customer_who_may_then_accept()
    {
        Spec.Given(Created, Assigned, Declined).When(ReinviteBy(Partner)).Then(Reinvited);
        Spec.Given(Created, Assigned, Declined, Reinvited).When(new AcceptInvite(CustomerAccount, Later))
            .Then(new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Later));
    }

    [Fact]
    public void A_reinvitation_expires_from_its_own_time_and_carries_its_number()
    {
        Spec.Given(Created, Assigned, Declined, Reinvited).When(new ExpireInvitation(Thirty, Later + Thirty - TimeSpan.FromSeconds(1))).ThenNothing();
        Spec.Given(Created, Assigned, Declined, Reinvited).When(new ExpireInvitation(Thirty, Later + Thirty))
            .Then(new InvitationExpired(Partner, CustomerAccount, Subaccount, 2, Later + Thirty));
        Spec.Given(Created, Assigned, Declined, Reinvited).When(new DeclineInvite(CustomerAccount, Later))
            .Then(new InvitationDeclined(Partner, CustomerAccount, Subaccount, Later, 2));
    }

    [Fact]
    public void Reinviting_an_open_invitation_is_a_no_op()
    {
        Spec.Given(Created, Assigned).When(ReinviteBy(Partner)).ThenNothing();
        Spec.Given(Created, Assigned, Expired, Reinvited).When(ReinviteBy(Partner)).ThenNothing();
    }

    [Fact]
    public void A_confirmed_partnership_cannot_be_reinvited() =>
        Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now)).When(ReinviteBy(Partner))
            .ThenFails(DomainErrorKind.FailedPrecondition, "confirmed");

    [Fact]
    public void Anyone_but_the_partner_is_answered_as_for_a_record_that_does_not_exist()
    {
        var customer = Assert.Throws<DomainException>(() => CustomerRecord.Decide(ReinviteBy(CustomerAccount),
            Spec.Given(Created, Assigned).StateAfter(Expired)));
        var missing = Assert.Throws<DomainException>(() => CustomerRecord.Decide(ReinviteBy(Partner), CustomerRecord.Initial));
        Assert.Equal(DomainErrorKind.NotFound, customer.Kind);
        Assert.Equal(missing.Message, customer.Message);
        Assert.Equal("No customer cst1.", missing.Message);
    }

    [Fact]
    public void Expiry_and_reinvitation_are_published_with_the_invitation_number()
    {
        var mapper = new CustomerIntegrationEvents();
        RecordedEvent Recorded(object data) => new(Guid.NewGuid(), CustomerIds.Stream("cst1"), 5, 9, "x", data, Now, null);
        var expired = Assert.IsType<InvitationExpiredIntegrationEvent>(mapper.Map(Recorded(Expired)));
        Assert.Equal(("cst1", 1, Subaccount), (expired.CustomerId, expired.Invitation, expired.SubaccountId));
        var reinvited = Assert.IsType<CustomerReinvitedIntegrationEvent>(mapper.Map(Recorded(Reinvited)));
        Assert.Equal(("cst1", 2, Link, "acme@yandex.ru"), (reinvited.CustomerId, reinvited.Invitation, reinvited.InviteLink, reinvited.CustomerEmail));
        var declined = Assert.IsType<InvitationDeclinedIntegrationEvent>(mapper.Map(Recorded(Declined)));
        Assert.Equal(1, declined.Invitation);
    }
}
