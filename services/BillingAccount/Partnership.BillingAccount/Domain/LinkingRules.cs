namespace Partnership.BillingAccount.Domain;

/// <summary>Why a cloud can or cannot be linked by an account; the same rules for the learned view and for LinkCloud.</summary>
public enum LinkReason
{
    Linkable,
    /// <summary>No role of the caller on the cloud is known (learned: it may not have arrived yet).</summary>
    NoRoleKnown,
    /// <summary>Known roles on the cloud, none of them a linking role.</summary>
    RoleTooWeak,
    /// <summary>No allowing role on the billing account the cloud is bound to now (not needed when that is the caller's own).</summary>
    NoRoleOnCurrentBillingAccount,
    /// <summary>The cloud is bound to the target already.</summary>
    AlreadyLinked,
    /// <summary>The target is not an account of the customer who owns (created) the cloud.</summary>
    OwnedByAnotherAccount,
    /// <summary>The target subaccount's partnership is suspended or has ended: it takes no new clouds.</summary>
    SubaccountTakesNoClouds,
}

/// <summary>
/// What an account holds on one resource, as far as the asker knows: <paramref name="Allowed"/> when it holds one of
/// <paramref name="AskedRoleIds"/>. From Identity/Roles' CheckAccess at link time, or from the learned roles for the list.
/// </summary>
public sealed record RoleCheck(bool Allowed, IReadOnlyList<string> HeldRoleIds, IReadOnlyList<string> AskedRoleIds)
{
    public static RoleCheck Nothing(IReadOnlyList<string> asked) => new(false, [], asked);

    /// <summary>From the roles learned from Identity/Roles' events: allowed when any held role is one of the asked.</summary>
    public static RoleCheck FromKnown(IEnumerable<string> held, IReadOnlyList<string> asked)
    {
        var roles = held.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RoleCheck(roles.Any(asked.Contains), roles, asked);
    }
}

/// <summary>
/// The access facts a link is decided on, gathered for the billing account the cloud was bound to when they were
/// gathered (<paramref name="AboutBillingAccountId"/>); <paramref name="OnCurrentBillingAccount"/> is null when no
/// role there is needed (the cloud is on the caller's own account).
/// </summary>
public sealed record LinkAccess(string AboutBillingAccountId, RoleCheck OnCloud, RoleCheck? OnCurrentBillingAccount);

/// <summary>Whether a cloud is linkable by the caller and, whatever the answer, the roles it is known to hold on the cloud.</summary>
public sealed record LinkAssessment(LinkReason Reason, IReadOnlyList<string> KnownRoleIds);

/// <summary>What a link needs before it can be decided, worked out from the cloud's binding before asking Identity/Roles.</summary>
/// <param name="AlreadyThere">The cloud is bound to the target already: nothing to ask, nothing to do.</param>
public sealed record LinkPlan(bool AlreadyThere, string CurrentBillingAccountId, bool NeedsBillingAccountRole);

public static class LinkingRules
{
    /// <summary>
    /// The caller's own personal account needs no role check: moving a cloud away from one's own account is one's
    /// own business. Any other account, the customer's personal one included, must have let the caller in.
    /// </summary>
    public static bool NeedsBillingAccountRole(string callerAccountId, string currentBillingAccountId) =>
        currentBillingAccountId != BillingAccountIds.Personal(callerAccountId);

    /// <param name="targetBelongsToOwner">The target is the cloud owner's own account or a subaccount opened for it as a
    /// customer: a cloud never moves into another customer's subaccount.</param>
    public static LinkReason Assess(string callerAccountId, string targetBillingAccountId, string currentBillingAccountId,
        RoleCheck onCloud, RoleCheck? onCurrentBillingAccount, bool targetBelongsToOwner)
    {
        if (currentBillingAccountId == targetBillingAccountId) return LinkReason.AlreadyLinked;
        if (!onCloud.Allowed) return onCloud.HeldRoleIds.Count == 0 ? LinkReason.NoRoleKnown : LinkReason.RoleTooWeak;
        if (!targetBelongsToOwner) return LinkReason.OwnedByAnotherAccount;
        if (NeedsBillingAccountRole(callerAccountId, currentBillingAccountId) && onCurrentBillingAccount is not { Allowed: true })
            return LinkReason.NoRoleOnCurrentBillingAccount;
        return LinkReason.Linkable;
    }

    /// <summary>The same rules on the roles this service has learned (for listing and checking, never for linking).</summary>
    /// <param name="targetTakesClouds">False for a subaccount whose partnership is suspended or ended: LinkCloud refuses
    /// those whatever the roles, so nothing may be offered for them (a subaccount still awaiting its confirmation is
    /// offered: LinkCloud waits a moment for a confirmation).</param>
    public static LinkAssessment AssessLearned(string callerAccountId, string targetBillingAccountId, string currentBillingAccountId,
        IEnumerable<string> knownOnCloud, IEnumerable<string> knownOnCurrentBillingAccount, IReadOnlyList<string> cloudRoles,
        IReadOnlyList<string> billingAccountRoles, bool targetBelongsToOwner, bool targetTakesClouds = true)
    {
        var onCloud = RoleCheck.FromKnown(knownOnCloud, cloudRoles);
        var reason = Assess(callerAccountId, targetBillingAccountId, currentBillingAccountId, onCloud,
            RoleCheck.FromKnown(knownOnCurrentBillingAccount, billingAccountRoles), targetBelongsToOwner);
        if (!targetTakesClouds && reason != LinkReason.AlreadyLinked) reason = LinkReason.SubaccountTakesNoClouds;
        return new LinkAssessment(reason, onCloud.HeldRoleIds);
    }
}
