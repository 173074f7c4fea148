using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>An expired invitation ends the partner's roles as a decline does; a reinvitation gives them back, once.</summary>
public class RestoringPartnershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";
    private const string Ba = ResourceTypes.BillingAccount;

    private static readonly AccessBindingGranted PartnerOwns = new(Ba, Subaccount, Partner, RoleIds.BillingAccountsOwner, CustomerId, Now);
    private static readonly AccessBindingGranted CustomerAdmins = new(Ba, Subaccount, CustomerAccount, "admin", CustomerId, Now);
    private static readonly AccessBindingRevoked PartnerRevoked = new(Ba, Subaccount, Partner, RoleIds.BillingAccountsOwner, Now);
    private static readonly PartnershipEnded Ended = new(Ba, Subaccount, CustomerId, Partner, Now);
    private static EndPartnership EndInvitation(int n) => new(Ba, Subaccount, CustomerId, Partner, Now, n);
    private static RestorePartnership Restore(int n) => new(Ba, Subaccount, CustomerId, Partner, RoleIds.BillingAccountsOwner, n, Now);
    private static PartnershipRestored Restored(int n) => new(Ba, Subaccount, CustomerId, Partner, n, Now);

    [Fact]
    public void An_expired_invitation_revokes_the_partners_roles_as_a_decline_does() =>
        Spec.Given(PartnerOwns, CustomerAdmins).When(EndInvitation(1)).Then(PartnerRevoked, Ended);

    [Fact]
    public void A_reinvitation_gives_the_partner_its_default_role_back() =>
        Spec.Given(PartnerOwns, CustomerAdmins, PartnerRevoked, Ended).When(Restore(2)).Then(Restored(2), PartnerOwns);

    [Fact]
    public void A_redelivered_reinvitation_changes_nothing() =>
        Spec.Given(PartnerOwns, CustomerAdmins, PartnerRevoked, Ended, Restored(2), PartnerOwns).When(Restore(2)).ThenNothing();

    [Fact]
    public void A_redelivered_decline_of_the_renewed_invitation_changes_nothing() =>
        Spec.Given(PartnerOwns, CustomerAdmins, PartnerRevoked, Ended, Restored(2), PartnerOwns).When(EndInvitation(1)).ThenNothing();

    [Fact]
    public void A_reinvitation_overtaking_the_decline_it_follows_wins() =>
        Spec.Given(PartnerOwns, CustomerAdmins, Restored(2)).When(EndInvitation(1)).ThenNothing();

    [Fact]
    public void The_renewed_invitation_expiring_revokes_again() =>
        Spec.Given(PartnerOwns, CustomerAdmins, PartnerRevoked, Ended, Restored(2), PartnerOwns).When(EndInvitation(2))
            .Then(PartnerRevoked, Ended);

    [Fact]
    public void After_a_reinvitation_late_onboarding_grants_reach_the_partner_again() =>
        Spec.Given(CustomerAdmins, Ended, Restored(2), PartnerRevoked).When(GrantRoles.ForCustomerSubaccount(Subaccount, Partner, CustomerAccount, CustomerId, Now))
            .Then(PartnerOwns);
}
