using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>A cloud and the billing account that pays for it now: state folded from its stream, and the decisions about it.</summary>
public sealed record CloudRecord(
    string CloudId,
    string Name,
    string OrganizationId,
    string CreatorAccountId,
    string BillingAccountId,
    DateTimeOffset? CreatedAt) : IDecider<CloudRecord, CloudCommand>
{
    public static CloudRecord Initial { get; } = new("", "", "", "", "", null);

    public bool Exists => CloudId.Length > 0;

    /// <summary>Visible to its creator and to whoever may see the billing account that pays for it.</summary>
    public bool IsVisibleTo(string accountId, BillingAccountRecord boundAccount) =>
        Exists && (CreatorAccountId == accountId || boundAccount.IsVisibleTo(accountId));

    /// <summary>Charges follow the binding: the account the cloud is bound to at the moment of the charge pays.</summary>
    public string BillingAccountToCharge() =>
        Exists ? BillingAccountId : throw DomainException.NotFound("No such cloud.");

    public static CloudRecord Evolve(CloudRecord state, object @event) => @event switch
    {
        CloudCreated e => state with
        {
            CloudId = e.CloudId, Name = e.Name, OrganizationId = e.OrganizationId, CreatorAccountId = e.CreatorAccountId,
            BillingAccountId = e.BillingAccountId, CreatedAt = e.At,
        },
        CloudMoved e => state with { BillingAccountId = e.To },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(CloudCommand command, CloudRecord state) => command switch
    {
        CreateCloud c => Create(c, state),
        LinkCloud c => Link(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static IReadOnlyList<object> Create(CreateCloud c, CloudRecord state)
    {
        // The ID comes from the creator and the request ID: finding the cloud means this is a retry of the same request.
        if (state.Exists) return [];
        var target = c.Target;
        // What the caller may not see answers exactly as what does not exist.
        if (!target.IsVisibleTo(c.CallerAccountId)) throw DomainException.NotFound($"No billing account {c.Request.BillingAccountId}.");
        if (!target.MayCreateCloudsIn(c.CallerAccountId))
            throw DomainException.Denied(
                $"Billing account {c.Request.BillingAccountId} cannot pay for your clouds: use your own, or a partner subaccount where you are the customer.");
        if (!c.CallerHoldsRoleInOrganization) throw DomainException.NotFound($"No organization {c.Request.OrganizationId}.");
        if (!c.TargetBillable) throw NotBillable(c.Request.BillingAccountId, target);
        return [new CloudCreated(c.CloudId, c.Request.Name, c.Request.OrganizationId, c.CallerAccountId, c.Request.BillingAccountId, c.Now)];
    }

    /// <summary>
    /// What may be decided before asking Identity/Roles: the target must accept the caller, the cloud must exist,
    /// and a cloud already on the target needs nothing more. Refusals here cost no call to another service.
    /// </summary>
    /// <param name="cloudId">The cloud asked for, named in the answer when there is no such cloud.</param>
    public static LinkPlan PlanLink(string callerAccountId, string targetBillingAccountId, BillingAccountRecord target, CloudRecord state,
        string cloudId = "")
    {
        // What the caller may not see answers exactly as what does not exist.
        if (!target.IsVisibleTo(callerAccountId)) throw DomainException.NotFound($"No billing account {targetBillingAccountId}.");
        if (!target.MayReceiveCloudsFrom(callerAccountId))
            throw DomainException.Denied(
                $"You cannot link clouds to {targetBillingAccountId}: only to a partner subaccount where you are the partner or the customer, or to your own billing account.");
        if (!state.Exists) throw NoCloud(state, cloudId);
        return new LinkPlan(state.BillingAccountId == targetBillingAccountId, state.BillingAccountId,
            LinkingRules.NeedsBillingAccountRole(callerAccountId, state.BillingAccountId));
    }

    private static IReadOnlyList<object> Link(LinkCloud c, CloudRecord state)
    {
        var plan = PlanLink(c.CallerAccountId, c.TargetBillingAccountId, c.Target, state);
        // Linking to where it is already: success, nothing recorded. This is also what the loser of two concurrent
        // links of the same cloud to the same target sees when it decides again.
        if (plan.AlreadyThere) return [];
        // A partner links into its customers' subaccounts by its partner status: withdrawn, it links nothing.
        if (c.Target.IsPartnerSubaccountOf(c.CallerAccountId) && !c.CallerIsPartner)
            throw DomainException.NoPartnerStatus();
        // The roles were asked about another binding than the one found now (the cloud moved meanwhile): they say
        // nothing about this one, and the handler gathers them again.
        if (c.Access.AboutBillingAccountId != state.BillingAccountId)
            throw DomainException.Precondition("The cloud moved while the link was being decided; try again.");
        var reason = LinkingRules.Assess(c.CallerAccountId, c.TargetBillingAccountId, state.BillingAccountId, c.Access.OnCloud,
            c.Access.OnCurrentBillingAccount, c.Target.BelongsTo(state.CreatorAccountId));
        // A cloud the caller holds no role on, did not create and whose paying account it cannot see is not there for it.
        if (reason == LinkReason.NoRoleKnown && state.CreatorAccountId != c.CallerAccountId && !c.CallerSeesCurrentAccount)
            throw NoCloud(state, state.CloudId);
        if (reason == LinkReason.Linkable && !c.TargetBillable) throw NotBillable(c.TargetBillingAccountId, c.Target);
        return reason switch
        {
            LinkReason.Linkable =>
            [
                new CloudMoved(state.BillingAccountId, c.TargetBillingAccountId, c.CallerAccountId, c.CurrentAccountOwes.Amount,
                    c.CurrentAccountOwes.Currency, c.Now),
            ],
            LinkReason.NoRoleKnown => throw DomainException.Denied(
                $"You hold no role on cloud {state.CloudId}; linking it needs one of: {Roles(c.Access.OnCloud.AskedRoleIds)}."),
            LinkReason.RoleTooWeak => throw DomainException.Denied(
                $"Your roles on cloud {state.CloudId} ({Roles(c.Access.OnCloud.HeldRoleIds)}) do not allow linking it; it needs one of: {Roles(c.Access.OnCloud.AskedRoleIds)}."),
            LinkReason.OwnedByAnotherAccount => throw DomainException.Denied(
                $"Cloud {state.CloudId} belongs to another customer than {c.TargetBillingAccountId}'s: it can move only into a subaccount of the customer who owns it, or back to that customer's own billing account."),
            LinkReason.NoRoleOnCurrentBillingAccount => throw DomainException.Denied(
                $"You hold no role on billing account {state.BillingAccountId}, which pays for cloud {state.CloudId} now; moving it away needs one of: {Roles(c.Access.OnCurrentBillingAccount?.AskedRoleIds ?? [])}."),
            _ => throw new InvalidOperationException($"Unexpected link reason {reason}."),
        };
    }

    private static DomainException NoCloud(CloudRecord state, string cloudId) =>
        DomainException.NotFound($"No cloud {(state.Exists ? state.CloudId : cloudId)}.");

    // The refusal says which of the partnership's states stands in the way, so the caller knows whom to ask.
    private static DomainException NotBillable(string billingAccountId, BillingAccountRecord target) => DomainException.Precondition(
        target.PartnershipEnded ? $"Subaccount {billingAccountId} takes no new clouds: its partnership has ended."
        : target.PartnershipSuspended ? $"Subaccount {billingAccountId} takes no new clouds while its partnership is suspended."
        : $"Subaccount {billingAccountId} pays for nothing until its customer confirms the partnership (status Active).");

    private static string Roles(IReadOnlyList<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);
}
