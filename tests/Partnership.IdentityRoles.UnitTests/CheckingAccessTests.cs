using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Spec = Partnership.Testing.DeciderSpec<Partnership.IdentityRoles.Domain.ResourceAccessBindings, Partnership.IdentityRoles.Domain.AccessCommand>;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>CheckAccess: what Billing-Account asks before it links a cloud.</summary>
public class CheckingAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Cloud = "b1gaaaaaaaaaaaaaaaaa";
    private static readonly string[] Managing = [RoleIds.CloudsOwner, RoleIds.Admin];

    private static AccessBindingGranted OnCloud(string subject, string role) => new(ResourceTypes.Cloud, Cloud, subject, role, "", Now);

    [Fact]
    public void A_subject_holding_one_of_the_roles_is_allowed_and_every_held_role_is_listed()
    {
        var state = Spec.Given(OnCloud(CustomerAccount, RoleIds.CloudsOwner), OnCloud(Partner, RoleIds.Viewer), OnCloud(Partner, RoleIds.Admin))
            .StateAfter();
        var result = AccessChecks.Check(state, Partner, Managing);
        Assert.True(result.Allowed);
        Assert.Equal([RoleIds.Viewer, RoleIds.Admin], result.HeldRoleIds);
    }

    [Fact]
    public void A_cloud_member_is_not_allowed_to_link()
    {
        var result = AccessChecks.Check(Spec.Given(OnCloud(CustomerAccount, RoleIds.CloudsOwner), OnCloud(Partner, RoleIds.CloudsMember)).StateAfter(),
            Partner, Managing);
        Assert.False(result.Allowed);
        Assert.Equal([RoleIds.CloudsMember], result.HeldRoleIds);
    }

    [Fact]
    public void After_revocation_the_subject_is_no_longer_allowed()
    {
        var state = Spec.Given(OnCloud(CustomerAccount, RoleIds.CloudsOwner), OnCloud(Partner, RoleIds.CloudsOwner))
            .StateAfter(new AccessBindingRevoked(ResourceTypes.Cloud, Cloud, Partner, RoleIds.CloudsOwner, Now));
        var result = AccessChecks.Check(state, Partner, Managing);
        Assert.False(result.Allowed);
        Assert.Empty(result.HeldRoleIds);
    }

    [Fact]
    public void On_a_resource_without_bindings_nobody_is_allowed()
    {
        var result = AccessChecks.Check(ResourceAccessBindings.Initial, Partner, Managing);
        Assert.False(result.Allowed);
        Assert.Empty(result.HeldRoleIds);
    }

    [Fact]
    public void Asking_for_no_roles_allows_nothing_but_lists_the_held_roles()
    {
        var result = AccessChecks.Check(Spec.Given(OnCloud(Partner, RoleIds.CloudsOwner)).StateAfter(), Partner, []);
        Assert.False(result.Allowed);
        Assert.Equal([RoleIds.CloudsOwner], result.HeldRoleIds);
    }

    [Fact]
    public void An_account_may_ask_about_itself_and_an_operator_about_anyone()
    {
        AccessChecks.EnsureMayAsk(Partner, callerIsOperator: false, Partner);
        AccessChecks.EnsureMayAsk("ajeoperator000000000", callerIsOperator: true, Partner);
        Assert.Equal(DomainErrorKind.PermissionDenied,
            Assert.Throws<DomainException>(() => AccessChecks.EnsureMayAsk(Partner, callerIsOperator: false, CustomerAccount)).Kind);
    }
}
