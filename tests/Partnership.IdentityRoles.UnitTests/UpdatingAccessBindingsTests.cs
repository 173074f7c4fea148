using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>UpdateAccessBindings: the customer shares a cloud (or a billing account) with the partner and takes it back.</summary>
public class UpdatingAccessBindingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Stranger = "ajesomeoneelse000001";
    private const string Cloud = "b1gaaaaaaaaaaaaaaaaa";
    private const string BillingAccount = "dn2aaaaaaaaaaaaaaaaa";

    private static AccessBindingGranted OnCloud(string subject, string role) => new(ResourceTypes.Cloud, Cloud, subject, role, "", Now);
    private static AccessBindingRevoked OffCloud(string subject, string role) => new(ResourceTypes.Cloud, Cloud, subject, role, Now);
    private static AccessBindingGranted OnAccount(string subject, string role) =>
        new(ResourceTypes.BillingAccount, BillingAccount, subject, role, "", Now);
    private static AccessBindingRevoked OffAccount(string subject, string role) =>
        new(ResourceTypes.BillingAccount, BillingAccount, subject, role, Now);

    private static readonly AccessBindingGranted CustomerOwnsCloud = OnCloud(CustomerAccount, RoleIds.CloudsOwner);
    private static readonly AccessBindingGranted CustomerOwnsAccount = OnAccount(CustomerAccount, RoleIds.BillingAccountsOwner);

    private static BindingDelta Add(string subject, string role = "") => new(BindingAction.Add, subject, role);
    private static BindingDelta Remove(string subject, string role) => new(BindingAction.Remove, subject, role);

    private static UpdateBindings OnCloudBy(string caller, params BindingDelta[] deltas) => new(ResourceTypes.Cloud, Cloud, caller, deltas, Now);
    private static UpdateBindings OnAccountBy(string caller, params BindingDelta[] deltas) =>
        new(ResourceTypes.BillingAccount, BillingAccount, caller, deltas, Now);

    [Fact]
    public void The_cloud_owner_grants_the_partner_a_role_on_the_cloud()
    {
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Add(Partner, RoleIds.CloudsOwner)))
            .Then(OnCloud(Partner, RoleIds.CloudsOwner));
        var state = Spec.Given(CustomerOwnsCloud).StateAfter(OnCloud(Partner, RoleIds.CloudsOwner));
        Assert.Equal([RoleIds.CloudsOwner], state.RolesOf(Partner));
    }

    [Fact]
    public void An_admin_of_the_cloud_may_change_its_bindings_too() =>
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.Admin)).When(OnCloudBy(Partner, Add(Stranger, RoleIds.Viewer)))
            .Then(OnCloud(Stranger, RoleIds.Viewer));

    [Fact]
    public void The_billing_account_owner_or_admin_may_change_its_bindings()
    {
        Spec.Given(CustomerOwnsAccount).When(OnAccountBy(CustomerAccount, Add(Partner, RoleIds.BillingAccountsEditor)))
            .Then(OnAccount(Partner, RoleIds.BillingAccountsEditor));
        Spec.Given(CustomerOwnsAccount, OnAccount(Partner, RoleIds.Admin)).When(OnAccountBy(Partner, Add(Stranger, RoleIds.BillingAccountsViewer)))
            .Then(OnAccount(Stranger, RoleIds.BillingAccountsViewer));
    }

    [Fact]
    public void A_member_of_the_cloud_may_not_change_its_bindings() =>
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.CloudsMember))
            .When(OnCloudBy(Partner, Add(Partner, RoleIds.CloudsOwner))).ThenFails(DomainErrorKind.PermissionDenied, RoleIds.CloudsOwner);

    [Fact]
    public void A_viewer_or_editor_of_the_billing_account_may_not_change_its_bindings()
    {
        Spec.Given(CustomerOwnsAccount, OnAccount(Partner, RoleIds.BillingAccountsViewer))
            .When(OnAccountBy(Partner, Add(Partner, RoleIds.Admin))).ThenFails(DomainErrorKind.PermissionDenied);
        Spec.Given(CustomerOwnsAccount, OnAccount(Partner, RoleIds.BillingAccountsEditor), OnAccount(Partner, RoleIds.Editor))
            .When(OnAccountBy(Partner, Add(Stranger))).ThenFails(DomainErrorKind.PermissionDenied);
    }

    [Fact]
    public void A_caller_with_no_role_on_the_resource_is_answered_as_if_it_did_not_exist()
    {
        var onCloud = Spec.Given(CustomerOwnsCloud).When(OnCloudBy(Stranger, Add(Stranger, RoleIds.CloudsOwner))).ThenFails(DomainErrorKind.NotFound);
        var noCloud = Spec.Given().When(OnCloudBy(Stranger, Add(Stranger, RoleIds.CloudsOwner))).ThenFails(DomainErrorKind.NotFound);
        Assert.Equal(noCloud.Message, onCloud.Message);
        Spec.Given(CustomerOwnsAccount).When(OnAccountBy(Stranger, Remove(CustomerAccount, RoleIds.BillingAccountsOwner)))
            .ThenFails(DomainErrorKind.NotFound);
    }

    // Onboarding: the partner owns the customer's subaccount, the customer is its admin.
    private const string CustomerId = "cstaaaaaaaaaaaaaaaaa";
    private static readonly AccessBindingGranted PartnerOwnsSubaccount =
        new(ResourceTypes.BillingAccount, BillingAccount, Partner, RoleIds.BillingAccountsOwner, CustomerId, Now);
    private static readonly AccessBindingGranted CustomerAdminsSubaccount =
        new(ResourceTypes.BillingAccount, BillingAccount, CustomerAccount, RoleIds.Admin, CustomerId, Now);

    private static UpdateBindings OnSubaccountBy(string caller, bool callerIsPartner, params BindingDelta[] deltas) =>
        new(ResourceTypes.BillingAccount, BillingAccount, caller, deltas, Now, callerIsPartner);

    [Fact]
    public void The_partner_cannot_remove_the_customers_own_binding_on_its_subaccount() =>
        Spec.Given(PartnerOwnsSubaccount, CustomerAdminsSubaccount)
            .When(OnSubaccountBy(Partner, true, Remove(CustomerAccount, RoleIds.Admin)))
            .ThenFails(DomainErrorKind.PermissionDenied, "only its holder can remove it");

    [Fact]
    public void The_partner_still_manages_other_bindings_of_the_subaccount() =>
        Spec.Given(PartnerOwnsSubaccount, CustomerAdminsSubaccount)
            .When(OnSubaccountBy(Partner, true, Add(Stranger, RoleIds.BillingAccountsViewer)))
            .Then(OnAccount(Stranger, RoleIds.BillingAccountsViewer));

    [Fact]
    public void A_partner_whose_status_was_withdrawn_manages_nothing_on_its_customers_subaccount() =>
        Spec.Given(PartnerOwnsSubaccount, CustomerAdminsSubaccount)
            .When(OnSubaccountBy(Partner, false, Add(Stranger, RoleIds.BillingAccountsViewer)))
            .ThenFails(DomainErrorKind.PermissionDenied, "no partner status");

    [Fact]
    public void The_customer_manages_its_subaccount_whatever_the_partners_status() =>
        Spec.Given(PartnerOwnsSubaccount, CustomerAdminsSubaccount)
            .When(OnSubaccountBy(CustomerAccount, false, Add(Stranger, RoleIds.BillingAccountsViewer)))
            .Then(OnAccount(Stranger, RoleIds.BillingAccountsViewer));

    [Fact]
    public void Managing_roles_belong_to_the_resource_type() =>
        // billing.accounts.owner is a managing role on a billing account, not on a cloud.
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.BillingAccountsOwner))
            .When(OnCloudBy(Partner, Add(Stranger))).ThenFails(DomainErrorKind.PermissionDenied);

    [Fact]
    public void A_resource_without_any_binding_is_not_found()
    {
        Spec.Given().When(OnCloudBy(CustomerAccount, Add(Partner))).ThenFails(DomainErrorKind.NotFound);
        Spec.Given(CustomerOwnsAccount, OffAccount(CustomerAccount, RoleIds.BillingAccountsOwner))
            .When(OnAccountBy(CustomerAccount, Add(Partner))).ThenFails(DomainErrorKind.NotFound);
    }

    [Fact]
    public void Adding_without_a_role_gives_a_cloud_member_which_cannot_manage_the_cloud()
    {
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Add(Partner))).Then(OnCloud(Partner, "resource-manager.clouds.member"));
        Assert.DoesNotContain(RoleIds.CloudsMember, RoleIds.ManagingRolesOf(ResourceTypes.Cloud));
    }

    [Fact]
    public void Adding_without_a_role_gives_a_billing_account_viewer() =>
        Spec.Given(CustomerOwnsAccount).When(OnAccountBy(CustomerAccount, Add(Partner)))
            .Then(OnAccount(Partner, "billing.accounts.viewer"));

    [Fact]
    public void A_role_is_changed_by_removing_the_old_and_adding_the_new_in_one_command()
    {
        var change = OnCloudBy(CustomerAccount, Remove(Partner, RoleIds.CloudsMember), Add(Partner, RoleIds.CloudsOwner));
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.CloudsMember)).When(change)
            .Then(OffCloud(Partner, RoleIds.CloudsMember), OnCloud(Partner, RoleIds.CloudsOwner));
        // Retried after it was stored: nothing more happens.
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.CloudsMember), OffCloud(Partner, RoleIds.CloudsMember),
            OnCloud(Partner, RoleIds.CloudsOwner)).When(change).ThenNothing();
    }

    [Fact]
    public void The_customer_revokes_the_partners_role_and_the_partner_can_no_longer_manage_the_cloud()
    {
        var partnerOwns = OnCloud(Partner, RoleIds.CloudsOwner);
        Spec.Given(CustomerOwnsCloud, partnerOwns).When(OnCloudBy(CustomerAccount, Remove(Partner, RoleIds.CloudsOwner)))
            .Then(OffCloud(Partner, RoleIds.CloudsOwner));
        Spec.Given(CustomerOwnsCloud, partnerOwns, OffCloud(Partner, RoleIds.CloudsOwner))
            .When(OnCloudBy(Partner, Add(Partner, RoleIds.CloudsOwner))).ThenFails(DomainErrorKind.NotFound);
    }

    [Fact]
    public void Removing_an_absent_binding_changes_nothing()
    {
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Remove(Partner, RoleIds.CloudsOwner))).ThenNothing();
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.CloudsMember))
            .When(OnCloudBy(CustomerAccount, Remove(Partner, RoleIds.Admin))).ThenNothing();
    }

    [Fact]
    public void Adding_a_held_binding_or_adding_and_removing_it_in_one_command_changes_nothing()
    {
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.CloudsMember)).When(OnCloudBy(CustomerAccount, Add(Partner))).ThenNothing();
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Add(Partner, RoleIds.Admin), Remove(Partner, RoleIds.Admin))).ThenNothing();
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount)).ThenNothing();
    }

    [Fact]
    public void Deltas_apply_in_order() =>
        // Removed, then added back: it is held at the end, as it was before.
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.Viewer))
            .When(OnCloudBy(CustomerAccount, Remove(Partner, RoleIds.Viewer), Add(Partner, RoleIds.Viewer), Add(Stranger)))
            .Then(OnCloud(Stranger, RoleIds.CloudsMember));

    [Fact]
    public void The_last_managing_role_cannot_be_removed()
    {
        Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Remove(CustomerAccount, RoleIds.CloudsOwner)))
            .ThenFails(DomainErrorKind.FailedPrecondition);
        // Turning the last manager into a member leaves nobody managing either.
        Spec.Given(CustomerOwnsAccount)
            .When(OnAccountBy(CustomerAccount, Remove(CustomerAccount, RoleIds.BillingAccountsOwner), Add(CustomerAccount, RoleIds.BillingAccountsViewer)))
            .ThenFails(DomainErrorKind.FailedPrecondition);
        // Two managers removed at once, with a non-managing role left behind.
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.Admin), OnCloud(Partner, RoleIds.BillingAccountsOwner))
            .When(OnCloudBy(Partner, Remove(Partner, RoleIds.Admin), Remove(CustomerAccount, RoleIds.CloudsOwner)))
            .ThenFails(DomainErrorKind.FailedPrecondition);
    }

    [Fact]
    public void A_manager_may_leave_while_another_manager_remains()
    {
        Spec.Given(CustomerOwnsCloud, OnCloud(Partner, RoleIds.Admin)).When(OnCloudBy(CustomerAccount, Remove(CustomerAccount, RoleIds.CloudsOwner)))
            .Then(OffCloud(CustomerAccount, RoleIds.CloudsOwner));
        // Handing the resource on: the new owner is added in the same command as the old one leaves.
        Spec.Given(CustomerOwnsAccount)
            .When(OnAccountBy(CustomerAccount, Add(Partner, RoleIds.BillingAccountsOwner), Remove(CustomerAccount, RoleIds.BillingAccountsOwner)))
            .Then(OffAccount(CustomerAccount, RoleIds.BillingAccountsOwner), OnAccount(Partner, RoleIds.BillingAccountsOwner));
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        var error = Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Add(Partner, "resource-manager.clouds.god")))
            .ThenFails(DomainErrorKind.InvalidArgument, "resource-manager.clouds.god");
        Assert.Equal("deltas.role_id", error.Field);
        Assert.Equal("deltas.role_id", Spec.Given(CustomerOwnsCloud).When(OnCloudBy(CustomerAccount, Remove(Partner, "Admin")))
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }

    [Fact]
    public void Invalid_deltas_name_the_field()
    {
        string FieldOf(UpdateBindings command) => Spec.Given(CustomerOwnsCloud).When(command).ThenFails(DomainErrorKind.InvalidArgument).Field!;
        Assert.Equal("deltas.subject_account_id", FieldOf(OnCloudBy(CustomerAccount, Add(""))));
        Assert.Equal("deltas.subject_account_id", FieldOf(OnCloudBy(CustomerAccount, Add("partner@example.com"))));
        Assert.Equal("deltas.action", FieldOf(OnCloudBy(CustomerAccount, new BindingDelta(BindingAction.Unspecified, Partner, RoleIds.Admin))));
        Assert.Equal("deltas.action", FieldOf(OnCloudBy(CustomerAccount, new BindingDelta((BindingAction)7, Partner, RoleIds.Admin))));
        // A REMOVE names the role it takes away; only ADD has a default.
        Assert.Equal("deltas.role_id", FieldOf(OnCloudBy(CustomerAccount, Remove(Partner, ""))));
        Assert.Equal("deltas", FieldOf(OnCloudBy(CustomerAccount, [.. Enumerable.Repeat(Add(Partner), UpdateBindings.MaxDeltas + 1)])));
        // A bad delta anywhere refuses the whole command, the good ones before it included.
        Assert.Equal("deltas.subject_account_id", FieldOf(OnCloudBy(CustomerAccount, Add(Partner), Add(" "))));
    }

    [Fact]
    public void Only_clouds_and_billing_accounts_are_updated()
    {
        var onOrganization = new UpdateBindings(ResourceTypes.Organization, "bpfaaaaaaaaaaaaaaaaa", CustomerAccount, [Add(Partner, RoleIds.Admin)], Now);
        Assert.Equal("resource_type", Spec.Given(new AccessBindingGranted(ResourceTypes.Organization, "bpfaaaaaaaaaaaaaaaaa", CustomerAccount,
            RoleIds.Admin, "", Now)).When(onOrganization).ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("resource_type", Spec.Given().When(onOrganization with { ResourceType = "planet" }).ThenFails(DomainErrorKind.InvalidArgument).Field);
        Assert.Equal("resource_id", Spec.Given().When(OnCloudBy(CustomerAccount, Add(Partner)) with { ResourceId = "b1g aaa" })
            .ThenFails(DomainErrorKind.InvalidArgument).Field);
    }

    [Fact]
    public void Managing_and_default_roles_per_resource_type()
    {
        Assert.Equal(["resource-manager.clouds.owner", "admin"], RoleIds.ManagingRolesOf(ResourceTypes.Cloud));
        Assert.Equal(["billing.accounts.owner", "admin"], RoleIds.ManagingRolesOf(ResourceTypes.BillingAccount));
        Assert.Empty(RoleIds.ManagingRolesOf(ResourceTypes.Organization));
        Assert.Equal("resource-manager.clouds.member", RoleIds.DefaultRoleOf(ResourceTypes.Cloud));
        Assert.Equal("billing.accounts.viewer", RoleIds.DefaultRoleOf(ResourceTypes.BillingAccount));
    }
}
