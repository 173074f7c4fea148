using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>The customer declined: the partner's roles on the subaccount and the organization go, the customer's stay.</summary>
public class EndingPartnershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";

    private static readonly AccessBindingGranted PartnerOwns =
        new(ResourceTypes.BillingAccount, Subaccount, Partner, RoleIds.BillingAccountsOwner, CustomerId, Now);
    private static readonly AccessBindingGranted CustomerAdmins = new(ResourceTypes.BillingAccount, Subaccount, CustomerAccount, "admin", CustomerId, Now);
    private static readonly AccessBindingGranted PartnerEdits = new(ResourceTypes.BillingAccount, Subaccount, Partner, "editor", "", Now);
    private static readonly EndPartnership End = new(ResourceTypes.BillingAccount, Subaccount, CustomerId, Partner, Now);
    private static readonly PartnershipEnded Ended = new(ResourceTypes.BillingAccount, Subaccount, CustomerId, Partner, Now);

    [Fact]
    public void Every_role_of_the_partner_is_revoked_and_the_customer_keeps_its_own() =>
        Spec.Given(PartnerOwns, CustomerAdmins, PartnerEdits).When(End).Then(
            new AccessBindingRevoked(ResourceTypes.BillingAccount, Subaccount, Partner, RoleIds.BillingAccountsOwner, Now),
            new AccessBindingRevoked(ResourceTypes.BillingAccount, Subaccount, Partner, "editor", Now),
            Ended);

    [Fact]
    public void Ending_again_changes_nothing() =>
        Spec.Given(PartnerOwns, CustomerAdmins, new AccessBindingRevoked(ResourceTypes.BillingAccount, Subaccount, Partner,
            RoleIds.BillingAccountsOwner, Now), Ended).When(End).ThenNothing();

    [Fact]
    public void Onboarding_grants_that_arrive_after_the_decline_give_the_partner_nothing() =>
        Spec.Given(Ended).When(GrantRoles.ForCustomerSubaccount(Subaccount, Partner, CustomerAccount, CustomerId, Now))
            .Then(CustomerAdmins);

    [Fact]
    public void Another_customer_record_of_the_same_partner_is_not_affected() =>
        Spec.Given(Ended).When(GrantRoles.ForCustomerSubaccount(Subaccount, Partner, CustomerAccount, "cstbbbbbbbbbbbbbbbbb", Now))
            .Then(PartnerOwns with { CustomerId = "cstbbbbbbbbbbbbbbbbb" }, CustomerAdmins with { CustomerId = "cstbbbbbbbbbbbbbbbbb" });
}
