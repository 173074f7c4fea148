using Partnership.BillingAccount.Domain;
using static Partnership.BillingAccount.UnitTests.CloudFixtures;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>Given what Billing has learned of the partner's roles, when it asks about the customer's cloud, then the reason.</summary>
public class LinkabilityTests
{
    private static LinkAssessment Assess(string current, string[] onCloud, string[] onAccount, string caller = Partner, bool owners = true) =>
        LinkingRules.AssessLearned(caller, Subaccount, current, onCloud, onAccount, CloudRoles, BillingAccountRoles, owners);

    [Fact]
    public void With_a_linking_role_on_the_cloud_and_a_role_on_its_account_it_is_linkable()
    {
        var a = Assess(CustomerPersonal, ["editor"], ["billing.accounts.editor"]);
        Assert.Equal(LinkReason.Linkable, a.Reason);
        Assert.Equal(["editor"], a.KnownRoleIds);
    }

    [Fact]
    public void No_role_known_on_the_cloud_may_simply_not_have_arrived_yet() =>
        Assert.Equal(LinkReason.NoRoleKnown, Assess(CustomerPersonal, [], ["billing.accounts.viewer"]).Reason);

    [Fact]
    public void A_member_role_is_too_weak()
    {
        var a = Assess(CustomerPersonal, ["resource-manager.clouds.member", "viewer"], ["billing.accounts.viewer"]);
        Assert.Equal(LinkReason.RoleTooWeak, a.Reason);
        Assert.Equal(["resource-manager.clouds.member", "viewer"], a.KnownRoleIds);
    }

    [Fact]
    public void Without_a_role_on_the_account_paying_for_it_now_it_is_not_linkable()
    {
        Assert.Equal(LinkReason.NoRoleOnCurrentBillingAccount, Assess(CustomerPersonal, ["admin"], []).Reason);
        Assert.Equal(LinkReason.NoRoleOnCurrentBillingAccount, Assess(CustomerPersonal, ["admin"], ["viewer"]).Reason);
    }

    [Fact]
    public void A_cloud_on_the_callers_own_account_needs_no_billing_account_role() =>
        Assert.Equal(LinkReason.Linkable, Assess(PartnerPersonal, ["resource-manager.clouds.owner"], []).Reason);

    [Fact]
    public void A_cloud_in_the_subaccount_already_is_already_linked_whatever_the_roles()
    {
        Assert.Equal(LinkReason.AlreadyLinked, Assess(Subaccount, ["admin"], ["billing.accounts.owner"]).Reason);
        Assert.Equal(LinkReason.AlreadyLinked, Assess(Subaccount, [], []).Reason);
    }

    [Fact]
    public void A_cloud_in_another_subaccount_of_the_partner_is_linkable_through_the_partners_owner_role() =>
        Assert.Equal(LinkReason.Linkable, Assess(OtherSubaccount, ["admin"], ["billing.accounts.owner"]).Reason);

    [Fact]
    public void The_roles_that_count_are_configuration()
    {
        var a = LinkingRules.AssessLearned(Partner, Subaccount, CustomerPersonal, ["editor"], ["billing.accounts.editor"], ["admin"],
            BillingAccountRoles, true);
        Assert.Equal(LinkReason.RoleTooWeak, a.Reason);
    }

    [Fact]
    public void A_viewer_of_the_account_paying_for_it_cannot_move_it_away() =>
        Assert.Equal(LinkReason.NoRoleOnCurrentBillingAccount, Assess(CustomerPersonal, ["admin"], ["billing.accounts.viewer"]).Reason);

    [Fact]
    public void Another_customers_cloud_never_moves_into_this_subaccount_whatever_the_roles() =>
        Assert.Equal(LinkReason.OwnedByAnotherAccount,
            Assess(BillingAccountIds.Personal(OtherCustomer), ["admin"], ["billing.accounts.owner"], owners: false).Reason);

    [Fact]
    public void Nothing_is_offered_for_a_subaccount_whose_partnership_is_suspended_or_ended()
    {
        var a = LinkingRules.AssessLearned(Partner, Subaccount, CustomerPersonal, ["editor"], ["billing.accounts.editor"], CloudRoles,
            BillingAccountRoles, true, targetTakesClouds: false);
        Assert.Equal(LinkReason.SubaccountTakesNoClouds, a.Reason);
        Assert.Equal(["editor"], a.KnownRoleIds);
    }

    [Fact]
    public void A_cloud_already_in_a_suspended_subaccount_is_still_reported_as_linked() =>
        Assert.Equal(LinkReason.AlreadyLinked, LinkingRules.AssessLearned(Partner, Subaccount, Subaccount, ["admin"], [], CloudRoles,
            BillingAccountRoles, true, targetTakesClouds: false).Reason);
}
