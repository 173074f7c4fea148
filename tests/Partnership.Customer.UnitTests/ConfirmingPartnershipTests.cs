using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using static Partnership.CustomerService.UnitTests.Invited;
using Spec = Partnership.Testing.DeciderSpec<Partnership.CustomerService.Domain.CustomerRecord, Partnership.CustomerService.Domain.CustomerCommand>;

namespace Partnership.CustomerService.UnitTests;

public class ConfirmingPartnershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";
    private const string Portal = "https://partners.cloud.yandex.ru";
    private static readonly string Id = CustomerIds.For(Partner, CustomerAccount);
    private static readonly CustomerRecordCreated Created = new(Id, Partner, CustomerAccount, "Acme", "acme@yandex.ru", "r1", Now);
    private static readonly SubaccountAssigned Assigned = new(Subaccount, Partner, CustomerAccount, "Acme", "acme@yandex.ru",
        $"{Portal}/invite/accept/{Subaccount}", Now);

    [Fact]
    public void The_subaccount_is_recorded_with_the_invite_link() =>
        Spec.Given(Created).When(new AssignSubaccount(Subaccount, Portal, Now)).Then(Assigned);

    [Fact]
    public void A_redelivered_subaccount_changes_nothing() =>
        Spec.Given(Created, Assigned).When(new AssignSubaccount("dn2bbbbbbbbbbbbbbbbb", Portal, Now)).ThenNothing();

    [Fact]
    public void The_organization_is_recorded_once()
    {
        Spec.Given(Created).When(new AssignOrganization("bpf1", Now)).Then(new OrganizationAssigned("bpf1", Now));
        Spec.Given(Created, new OrganizationAssigned("bpf1", Now)).When(new AssignOrganization("bpf1", Now)).ThenNothing();
    }

    [Fact]
    public void The_customer_confirms_and_becomes_active()
    {
        Spec.Given(Created, Assigned).When(new AcceptInvite(CustomerAccount, Now))
            .Then(new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now));
        Assert.Equal(CustomerStatus.Active, Spec.Given(Created, Assigned).StateAfter(new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now)).Status);
    }

    [Fact]
    public void Another_account_cannot_confirm_and_is_answered_as_if_there_were_no_such_record()
    {
        var stranger = Spec.Given(Created, Assigned).When(new AcceptInvite("ajesomeoneelse000001", Now)).ThenFails(DomainErrorKind.NotFound);
        var nothing = Spec.Given().When(new AcceptInvite("ajesomeoneelse000001", Now)).ThenFails(DomainErrorKind.NotFound);
        Assert.Equal(nothing.Message, stranger.Message);
    }

    [Fact]
    public void The_partner_itself_cannot_confirm() =>
        Spec.Given(Created, Assigned).When(new AcceptInvite(Partner, Now)).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void Accepting_again_is_a_no_op() =>
        Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now))
            .When(new AcceptInvite(CustomerAccount, Now)).ThenNothing();

    [Fact]
    public void The_partner_gets_the_invite_link_while_verification_is_required()
    {
        var state = Spec.Given(Created, Assigned).StateAfter();
        Assert.Equal($"{Portal}/invite/accept/{Subaccount}", InviteLinks.ForPartner(state, Partner, Portal));
    }

    [Fact]
    public void No_invite_link_before_the_subaccount_exists_or_after_confirmation()
    {
        Assert.Equal(DomainErrorKind.FailedPrecondition,
            Assert.Throws<DomainException>(() => InviteLinks.ForPartner(Spec.Given(Created).StateAfter(), Partner, Portal)).Kind);
        var active = Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now)).StateAfter();
        Assert.Equal(DomainErrorKind.FailedPrecondition, Assert.Throws<DomainException>(() => InviteLinks.ForPartner(active, Partner, Portal)).Kind);
    }

    [Fact]
    public void Another_partner_gets_no_invite_link() =>
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() =>
            InviteLinks.ForPartner(Spec.Given(Created, Assigned).StateAfter(), "ajeotherpartner00001", Portal)).Kind);
}

/// <summary>A record whose invitation awaits the customer's answer: what the decline and end tests start from.</summary>
internal static class Invited
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    public const string Partner = "ajepartner0000000001";
    public const string CustomerAccount = "ajecustomer000000001";
    public const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";
    public static readonly CustomerRecordCreated Created = new("cst1", Partner, CustomerAccount, "Acme", "acme@yandex.ru", "r1", Now);
    public static readonly SubaccountAssigned Assigned = new(Subaccount, Partner, CustomerAccount, "Acme", "acme@yandex.ru",
        $"https://partners.cloud.yandex.ru/invite/accept/{Subaccount}", Now);
}

public class DecliningInvitationTests
{
    private static readonly InvitationDeclined Declined = new(Partner, CustomerAccount, Subaccount, Now);

    [Fact]
    public void The_customer_declines_and_the_record_says_so()
    {
        Spec.Given(Created, Assigned).When(new DeclineInvite(CustomerAccount, Now)).Then(Declined);
        Assert.Equal(CustomerStatus.Declined, Spec.Given(Created, Assigned).StateAfter(Declined).Status);
    }

    [Fact]
    public void Declining_again_is_a_no_op() =>
        Spec.Given(Created, Assigned, Declined).When(new DeclineInvite(CustomerAccount, Now)).ThenNothing();

    [Fact]
    public void Only_the_customer_may_decline_anyone_else_is_answered_as_for_no_such_record()
    {
        var partner = Spec.Given(Created, Assigned).When(new DeclineInvite(Partner, Now)).ThenFails(DomainErrorKind.NotFound);
        var nothing = Spec.Given().When(new DeclineInvite(Partner, Now)).ThenFails(DomainErrorKind.NotFound);
        Assert.Equal(nothing.Message, partner.Message);
    }

    [Fact]
    public void A_declined_invitation_cannot_be_accepted_nor_its_link_handed_out()
    {
        Spec.Given(Created, Assigned, Declined).When(new AcceptInvite(CustomerAccount, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "declined");
        var declined = Spec.Given(Created, Assigned, Declined).StateAfter();
        Assert.Equal(DomainErrorKind.FailedPrecondition,
            Assert.Throws<DomainException>(() => InviteLinks.ForPartner(declined, Partner, "https://p")).Kind);
    }

    [Fact]
    public void A_confirmed_partnership_cannot_be_declined() =>
        Spec.Given(Created, Assigned, new PartnershipConfirmed(Partner, CustomerAccount, Subaccount, Now))
            .When(new DeclineInvite(CustomerAccount, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "confirmed");
}

public class EndingPartnershipTests
{
    private static readonly PartnershipConfirmed Confirmed = new(Partner, CustomerAccount, Subaccount, Now);

    [Fact]
    public void Either_side_ends_an_active_partnership()
    {
        Spec.Given(Created, Assigned, Confirmed).When(new EndPartnership(Partner, Now))
            .Then(new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now));
        Spec.Given(Created, Assigned, Confirmed).When(new EndPartnership(CustomerAccount, Now))
            .Then(new PartnershipEnded(Partner, CustomerAccount, Subaccount, CustomerAccount, Now));
        Assert.Equal(CustomerStatus.Ended, Spec.Given(Created, Assigned, Confirmed)
            .StateAfter(new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now)).Status);
    }

    [Fact]
    public void Ending_again_is_a_no_op() =>
        Spec.Given(Created, Assigned, Confirmed, new PartnershipEnded(Partner, CustomerAccount, Subaccount, Partner, Now))
            .When(new EndPartnership(CustomerAccount, Now)).ThenNothing();

    [Fact]
    public void Anyone_else_is_answered_as_for_no_such_record()
    {
        var stranger = Spec.Given(Created, Assigned, Confirmed).When(new EndPartnership("ajesomeoneelse000001", Now)).ThenFails(DomainErrorKind.NotFound);
        var nothing = Spec.Given().When(new EndPartnership("ajesomeoneelse000001", Now)).ThenFails(DomainErrorKind.NotFound);
        Assert.Equal(nothing.Message, stranger.Message);
    }

    [Fact]
    public void Only_an_active_partnership_can_end()
    {
        Spec.Given(Created, Assigned).When(new EndPartnership(Partner, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "not confirmed");
        Spec.Given(Created, Assigned, new InvitationDeclined(Partner, CustomerAccount, Subaccount, Now))
            .When(new EndPartnership(Partner, Now)).ThenFails(DomainErrorKind.FailedPrecondition, "declined");
    }
}

public class TrackingCloudsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly CustomerRecordCreated Created = new("cst1", "ajep", "ajec", "Acme", "acme@yandex.ru", "r1", Now);

    [Fact]
    public void A_cloud_linked_into_the_subaccount_is_listed_once() =>
        Spec.Given(Created).When(new TrackCloud("b1g1", InSubaccount: true, Now)).Then(new CloudAddedToSubaccount("b1g1", Now));

    [Fact]
    public void A_redelivered_link_changes_nothing() =>
        Spec.Given(Created, new CloudAddedToSubaccount("b1g1", Now)).When(new TrackCloud("b1g1", true, Now)).ThenNothing();

    [Fact]
    public void A_cloud_moved_back_leaves_the_list()
    {
        Spec.Given(Created, new CloudAddedToSubaccount("b1g1", Now)).When(new TrackCloud("b1g1", false, Now))
            .Then(new CloudRemovedFromSubaccount("b1g1", Now));
        Assert.Empty(Spec.Given(Created, new CloudAddedToSubaccount("b1g1", Now)).StateAfter(new CloudRemovedFromSubaccount("b1g1", Now)).CloudIds);
    }

    [Fact]
    public void Removing_a_cloud_that_is_not_listed_changes_nothing() =>
        Spec.Given(Created).When(new TrackCloud("b1g1", false, Now)).ThenNothing();
}
