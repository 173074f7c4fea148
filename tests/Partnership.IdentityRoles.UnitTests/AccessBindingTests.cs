using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

public class AccessBindingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private const string Subaccount = "dn2aaaaaaaaaaaaaaaaa";
    private static readonly string OrgId = OrganizationIds.ForCustomer(CustomerId);

    private static readonly AccessBindingGranted PartnerOwnsOrg =
        new(ResourceTypes.Organization, OrgId, Partner, "organization-manager.organizations.owner", CustomerId, Now);
    private static readonly AccessBindingGranted CustomerOwnsOrg =
        new(ResourceTypes.Organization, OrgId, CustomerAccount, "organization-manager.organizations.owner", CustomerId, Now);
    private static readonly AccessBindingGranted PartnerOwnsSubaccount =
        new(ResourceTypes.BillingAccount, Subaccount, Partner, "billing.accounts.owner", CustomerId, Now);
    private static readonly AccessBindingGranted CustomerAdminsSubaccount =
        new(ResourceTypes.BillingAccount, Subaccount, CustomerAccount, "admin", CustomerId, Now);

    private static GrantRoles OrgGrants => GrantRoles.ForCustomerOrganization(OrgId, Partner, CustomerAccount, CustomerId, Now);
    private static GrantRoles SubaccountGrants => GrantRoles.ForCustomerSubaccount(Subaccount, Partner, CustomerAccount, CustomerId, Now);

    [Fact]
    public void The_partner_and_the_customer_both_own_the_customers_organization()
    {
        Spec.Given().When(OrgGrants).Then(PartnerOwnsOrg, CustomerOwnsOrg);
        var state = Spec.Given().StateAfter(PartnerOwnsOrg, CustomerOwnsOrg);
        Assert.Equal(ResourceTypes.Organization, state.ResourceType);
        Assert.Equal(OrgId, state.ResourceId);
        Assert.True(state.HasAnyRole(Partner));
        Assert.True(state.HasAnyRole(CustomerAccount));
        Assert.False(state.HasAnyRole("ajesomeoneelse000001"));
    }

    [Fact]
    public void The_partner_owns_the_subaccount_and_the_customer_is_its_admin() =>
        Spec.Given().When(SubaccountGrants).Then(PartnerOwnsSubaccount, CustomerAdminsSubaccount);

    [Fact]
    public void Onboarding_grants_exactly_the_four_default_bindings()
    {
        var all = Spec.Given().When(OrgGrants).Decide().Concat(Spec.Given().When(SubaccountGrants).Decide()).ToList();
        Assert.Equal([PartnerOwnsOrg, CustomerOwnsOrg, PartnerOwnsSubaccount, CustomerAdminsSubaccount], all);
    }

    [Fact]
    public void Granting_again_changes_nothing()
    {
        Spec.Given(PartnerOwnsOrg, CustomerOwnsOrg).When(OrgGrants with { Now = Now.AddMinutes(1) }).ThenNothing();
        Spec.Given(PartnerOwnsSubaccount, CustomerAdminsSubaccount).When(SubaccountGrants).ThenNothing();
    }

    [Fact]
    public void Only_the_missing_roles_are_granted() =>
        Spec.Given(PartnerOwnsOrg).When(OrgGrants).Then(CustomerOwnsOrg);

    [Fact]
    public void A_role_named_twice_in_one_command_is_granted_once() =>
        Spec.Given().When(GrantRoles.ForCustomerOrganization(OrgId, Partner, Partner, CustomerId, Now)).Then(PartnerOwnsOrg);

    [Fact]
    public void Another_role_for_the_same_subject_is_granted() =>
        Spec.Given(PartnerOwnsSubaccount)
            .When(new GrantRoles(ResourceTypes.BillingAccount, Subaccount, [new(Partner, RoleIds.Viewer)], "", Now))
            .Then(new AccessBindingGranted(ResourceTypes.BillingAccount, Subaccount, Partner, "viewer", "", Now));

    [Fact]
    public void A_held_role_is_revoked()
    {
        var revoke = new RevokeRole(ResourceTypes.Organization, OrgId, new(Partner, RoleIds.OrganizationsOwner), Now);
        var revoked = new AccessBindingRevoked(ResourceTypes.Organization, OrgId, Partner, "organization-manager.organizations.owner", Now);
        Spec.Given(PartnerOwnsOrg, CustomerOwnsOrg).When(revoke).Then(revoked);
        var state = Spec.Given(PartnerOwnsOrg, CustomerOwnsOrg).StateAfter(revoked);
        Assert.False(state.HasAnyRole(Partner));
        Assert.Equal([new RoleBinding(CustomerAccount, RoleIds.OrganizationsOwner)], state.Bindings);
    }

    [Fact]
    public void Revoking_an_absent_role_is_a_no_op()
    {
        Spec.Given().When(new RevokeRole(ResourceTypes.Organization, OrgId, new(Partner, RoleIds.OrganizationsOwner), Now)).ThenNothing();
        Spec.Given(PartnerOwnsOrg).When(new RevokeRole(ResourceTypes.Organization, OrgId, new(Partner, RoleIds.Viewer), Now)).ThenNothing();
        Spec.Given(PartnerOwnsOrg, new AccessBindingRevoked(ResourceTypes.Organization, OrgId, Partner, RoleIds.OrganizationsOwner, Now))
            .When(new RevokeRole(ResourceTypes.Organization, OrgId, new(Partner, RoleIds.OrganizationsOwner), Now)).ThenNothing();
    }

    [Fact]
    public void A_revoked_role_can_be_granted_again() =>
        Spec.Given(PartnerOwnsOrg, new AccessBindingRevoked(ResourceTypes.Organization, OrgId, Partner, RoleIds.OrganizationsOwner, Now))
            .When(new GrantRoles(ResourceTypes.Organization, OrgId, [new(Partner, RoleIds.OrganizationsOwner)], CustomerId, Now))
            .Then(PartnerOwnsOrg);

    [Fact]
    public void Invalid_grants_name_the_field()
    {
        Assert.Equal("resource_type", Spec.Given().When(new GrantRoles("planet", "x", [new(Partner, RoleIds.Admin)], "", Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("resource_id", Spec.Given().When(new GrantRoles(ResourceTypes.Cloud, " ", [new(Partner, RoleIds.Admin)], "", Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("subject_account_id", Spec.Given().When(new GrantRoles(ResourceTypes.Cloud, "b1g", [new("", RoleIds.Admin)], "", Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("role_id", Spec.Given().When(new GrantRoles(ResourceTypes.Cloud, "b1g", [new(Partner, "")], "", Now))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }

    [Fact]
    public void Role_ids_are_the_clouds()
    {
        Assert.Equal("billing.accounts.owner", RoleIds.BillingAccountsOwner);
        Assert.Equal("admin", RoleIds.Admin);
        Assert.Equal("organization-manager.organizations.owner", RoleIds.OrganizationsOwner);
        Assert.Equal("editor", RoleIds.Editor);
        Assert.Equal("viewer", RoleIds.Viewer);
        Assert.Equal("resource-manager.clouds.owner", RoleIds.CloudsOwner);
        Assert.Equal("resource-manager.clouds.member", RoleIds.CloudsMember);
        Assert.Equal("billing.accounts.viewer", RoleIds.BillingAccountsViewer);
        Assert.Equal("billing.accounts.editor", RoleIds.BillingAccountsEditor);
        Assert.Equal(9, RoleIds.All.Distinct().Count());
    }

    [Fact]
    public void Each_resource_has_its_own_access_stream()
    {
        Assert.Equal($"access-organization-{OrgId}", AccessIds.Stream(ResourceTypes.Organization, OrgId));
        Assert.Equal($"access-billing-account-{Subaccount}", AccessIds.Stream(ResourceTypes.BillingAccount, Subaccount));
    }
}
