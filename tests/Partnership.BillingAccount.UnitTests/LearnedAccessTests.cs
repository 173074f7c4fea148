using Partnership.BillingAccount.Domain;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;
using Partnership.Contracts.IntegrationEvents;
using Spec = Partnership.Testing.DeciderSpec<Partnership.BillingAccount.Domain.LearnedAccessBindings, Partnership.BillingAccount.Domain.LearnedAccessCommand>;

namespace Partnership.BillingAccount.UnitTests;

public class LearnedAccessTests
{
    private const string Cloud = ResourceTypes.Cloud;
    private const string Editor = "editor";
    private static readonly DateTimeOffset T1 = Now.AddMinutes(1);
    private static readonly DateTimeOffset T2 = Now.AddMinutes(2);
    private static readonly DateTimeOffset T3 = Now.AddMinutes(3);

    private static LearnGrant Grant(DateTimeOffset at, string role = Editor) => new(Cloud, CloudId, Partner, role, at);
    private static LearnRevoke Revoke(DateTimeOffset at, string role = Editor) => new(Cloud, CloudId, Partner, role, at);
    private static RoleLearned Learned(DateTimeOffset at, string role = Editor) => new(Cloud, CloudId, Partner, role, at);
    private static RoleForgotten Forgotten(DateTimeOffset at, string role = Editor) => new(Cloud, CloudId, Partner, role, at);

    [Fact]
    public void A_grant_is_learned()
    {
        Spec.Given().When(Grant(T1)).Then(Learned(T1));
        Assert.Equal([Editor], Spec.Given(Learned(T1)).StateAfter().RolesOf(Partner));
    }

    [Fact]
    public void A_redelivered_grant_changes_nothing() => Spec.Given(Learned(T1)).When(Grant(T1)).ThenNothing();

    [Fact]
    public void A_revoke_is_forgotten_and_its_redelivery_changes_nothing()
    {
        Spec.Given(Learned(T1)).When(Revoke(T2)).Then(Forgotten(T2));
        Spec.Given(Learned(T1), Forgotten(T2)).When(Revoke(T2)).ThenNothing();
        Assert.Empty(Spec.Given(Learned(T1), Forgotten(T2)).StateAfter().RolesOf(Partner));
    }

    [Fact]
    public void A_grant_redelivered_after_its_revoke_does_not_bring_the_role_back() =>
        Spec.Given(Learned(T1), Forgotten(T2)).When(Grant(T1)).ThenNothing();

    [Fact]
    public void A_revoke_that_overtakes_its_grant_keeps_the_late_grant_out()
    {
        Spec.Given().When(Revoke(T2)).Then(Forgotten(T2));
        Spec.Given(Forgotten(T2)).When(Grant(T1)).ThenNothing();
    }

    [Fact]
    public void A_role_granted_again_after_a_revoke_is_learned_again() =>
        Spec.Given(Learned(T1), Forgotten(T2)).When(Grant(T3)).Then(Learned(T3));

    [Fact]
    public void Roles_are_kept_per_subject_and_role()
    {
        var state = Spec.Given(Learned(T1), Learned(T1, "admin"), new RoleLearned(Cloud, CloudId, Customer, "resource-manager.clouds.owner", T1),
            Forgotten(T2)).StateAfter();
        Assert.Equal(["admin"], state.RolesOf(Partner));
        Assert.Equal(["resource-manager.clouds.owner"], state.RolesOf(Customer));
        Assert.Empty(state.RolesOf(Stranger));
    }

    [Fact]
    public void Only_clouds_and_billing_accounts_are_learned_each_in_its_own_stream()
    {
        Assert.True(LearnedAccessIds.IsLearned(ResourceTypes.Cloud));
        Assert.True(LearnedAccessIds.IsLearned(ResourceTypes.BillingAccount));
        Assert.False(LearnedAccessIds.IsLearned(ResourceTypes.Organization));
        Assert.Equal("learned-access-cloud-" + CloudId, LearnedAccessIds.Stream(Cloud, CloudId));
        Assert.Equal("learned-access-billing-account-" + Subaccount, LearnedAccessIds.Stream(ResourceTypes.BillingAccount, Subaccount));
    }
}
