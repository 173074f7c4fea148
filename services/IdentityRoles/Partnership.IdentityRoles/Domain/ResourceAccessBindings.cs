using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Domain;

/// <summary>Who holds which role on one resource: state folded from the resource's access stream, and the decisions about it.</summary>
public sealed record ResourceAccessBindings(string ResourceType, string ResourceId, IReadOnlyList<RoleBinding> Bindings)
    : IDecider<ResourceAccessBindings, AccessCommand>
{
    public static ResourceAccessBindings Initial { get; } = new("", "", []);

    /// <summary>The bindings onboarding granted (the partner's and the customer's on a subaccount or organization).</summary>
    public IReadOnlyList<RoleBinding> OnboardingBindings { get; init; } = [];

    /// <summary>On a customer's subaccount: the partner that onboarding made its owner; else empty.</summary>
    public string OnboardingPartnerAccountId { get; init; } = "";

    /// <summary>Customer records whose partnership ended here, with their partner: onboarding grants no longer reach it.</summary>
    public IReadOnlyList<(string CustomerId, string PartnerAccountId)> EndedPartnerships { get; init; } = [];

    /// <summary>Per customer record, the latest invitation the partner was given its roles back for (none: the first).</summary>
    public IReadOnlyDictionary<string, int> RestoredInvitations { get; init; } = new Dictionary<string, int>();

    private int RestoredInvitationOf(string customerId) => RestoredInvitations.GetValueOrDefault(customerId, 1);

    public bool Holds(RoleBinding binding) => Bindings.Contains(binding);

    /// <summary>Whether the account holds any role on the resource (what makes the resource visible to it).</summary>
    public bool HasAnyRole(string accountId) => Bindings.Any(b => b.SubjectAccountId == accountId);

    /// <summary>Every role the account holds on the resource.</summary>
    public IReadOnlyList<string> RolesOf(string accountId) =>
        Bindings.Where(b => b.SubjectAccountId == accountId).Select(b => b.RoleId).Distinct().ToList();

    /// <summary>Whether a role was ever granted here, even if every binding has since been revoked (the first grant sets the type).</summary>
    public bool EverGranted => ResourceType.Length > 0;

    public static ResourceAccessBindings Evolve(ResourceAccessBindings state, object @event) => @event switch
    {
        AccessBindingGranted e => state with
        {
            ResourceType = e.ResourceType, ResourceId = e.ResourceId,
            Bindings = [.. state.Bindings, new RoleBinding(e.SubjectAccountId, e.RoleId)],
            OnboardingBindings = e.CustomerId.Length > 0
                ? [.. state.OnboardingBindings, new RoleBinding(e.SubjectAccountId, e.RoleId)]
                : state.OnboardingBindings,
            OnboardingPartnerAccountId = e.CustomerId.Length > 0 && e.ResourceType == ResourceTypes.BillingAccount
                && e.RoleId == RoleIds.BillingAccountsOwner
                    ? e.SubjectAccountId
                    : state.OnboardingPartnerAccountId,
        },
        AccessBindingRevoked e => state with
        {
            Bindings = state.Bindings.Where(b => b != new RoleBinding(e.SubjectAccountId, e.RoleId)).ToList(),
        },
        PartnershipEnded e => state with { EndedPartnerships = [.. state.EndedPartnerships, (e.CustomerId, e.PartnerAccountId)] },
        PartnershipRestored e => state with
        {
            EndedPartnerships = state.EndedPartnerships.Where(p => p != (e.CustomerId, e.PartnerAccountId)).ToList(),
            RestoredInvitations = new Dictionary<string, int>(state.RestoredInvitations) { [e.CustomerId] = e.Invitation },
        },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(AccessCommand command, ResourceAccessBindings state)
    {
        Validate(command);
        return command switch
        {
            GrantRoles c => Grant(c, state),
            RevokeRole c => state.Holds(c.Binding)
                ? [new AccessBindingRevoked(c.ResourceType, c.ResourceId, c.Binding.SubjectAccountId, c.Binding.RoleId, c.Now)]
                : [],
            // Judged by the stream's history, not by the bindings held now: after the creator handed the resource on
            // and was removed, a redelivered creation message finds the resource granted before and changes nothing.
            GrantInitialOwner c => state.EverGranted
                ? []
                : [new AccessBindingGranted(c.ResourceType, c.ResourceId, c.Binding.SubjectAccountId, c.Binding.RoleId, "", c.Now)],
            UpdateBindings c => Update(c, state),
            EndPartnership c => End(c, state),
            RestorePartnership c => Restore(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    // A role the subject already holds (or that appears twice in the command) is granted once: redelivered
    // onboarding messages change nothing.
    // After the partnership ended here, a late onboarding grant (its message overtaken by the decline) gives the
    // partner nothing; the customer's own roles are still granted.
    private static IReadOnlyList<object> Grant(GrantRoles c, ResourceAccessBindings state) =>
        c.Grants.Distinct().Where(b => !state.Holds(b))
            .Where(b => c.CustomerId.Length == 0 || !state.EndedPartnerships.Contains((c.CustomerId, b.SubjectAccountId)))
            .Select(b => (object)new AccessBindingGranted(c.ResourceType, c.ResourceId, b.SubjectAccountId, b.RoleId, c.CustomerId, c.Now))
            .ToList();

    // Once per customer record: a redelivered decline changes nothing, and neither does one for a resource whose
    // grants have not arrived yet (the marker keeps them from giving the partner anything when they do).
    // A decline or expiry of an invitation the partner has since renewed (its message overtaken by the reinvitation's)
    // changes nothing either.
    private static IReadOnlyList<object> End(EndPartnership c, ResourceAccessBindings state) =>
        state.EndedPartnerships.Contains((c.CustomerId, c.PartnerAccountId))
            || (c.Invitation > 0 && c.Invitation < state.RestoredInvitationOf(c.CustomerId))
            ? []
            :
            [
                .. state.Bindings.Where(b => b.SubjectAccountId == c.PartnerAccountId).Distinct()
                    .Select(b => (object)new AccessBindingRevoked(c.ResourceType, c.ResourceId, b.SubjectAccountId, b.RoleId, c.Now)),
                new PartnershipEnded(c.ResourceType, c.ResourceId, c.CustomerId, c.PartnerAccountId, c.Now),
            ];

    // Once per invitation: a redelivered reinvitation, or one older than the last restored, changes nothing. Restored
    // even before the earlier decline arrived, so that decline, when it does, finds itself overtaken.
    private static IReadOnlyList<object> Restore(RestorePartnership c, ResourceAccessBindings state)
    {
        if (c.Invitation <= state.RestoredInvitationOf(c.CustomerId)) return [];
        var binding = new RoleBinding(c.PartnerAccountId, c.RoleId);
        return
        [
            new PartnershipRestored(c.ResourceType, c.ResourceId, c.CustomerId, c.PartnerAccountId, c.Invitation, c.Now),
            .. state.Holds(binding)
                ? Array.Empty<object>()
                : [new AccessBindingGranted(c.ResourceType, c.ResourceId, c.PartnerAccountId, c.RoleId, c.CustomerId, c.Now)],
        ];
    }

    private static IReadOnlyList<object> Update(UpdateBindings c, ResourceAccessBindings state)
    {
        // Every cloud and billing account gets its owner's binding when it is created, so a resource without any
        // binding is one this service never heard of.
        // A resource the caller holds no role on answers exactly as one that does not exist: its ID leaks nothing.
        if (state.Bindings.Count == 0 || !state.HasAnyRole(c.CallerAccountId))
            throw DomainException.NotFound($"No {c.ResourceType} {c.ResourceId} with access bindings.");
        var managing = RoleIds.ManagingRolesOf(c.ResourceType);
        // Checked on the state the append is made against (the expected version), so a manager removed a moment
        // ago can no longer change anything.
        if (!state.Bindings.Any(b => b.SubjectAccountId == c.CallerAccountId && managing.Contains(b.RoleId)))
            throw DomainException.Denied(
                $"Changing access to {c.ResourceType} {c.ResourceId} needs one of {string.Join(", ", managing)} on it.");
        // The partner manages a customer's subaccount by its partner status: withdrawn, it manages nothing there.
        if (c.CallerAccountId == state.OnboardingPartnerAccountId && !c.CallerIsPartner)
            throw DomainException.NoPartnerStatus();

        var after = state.Bindings.Distinct().ToList();
        foreach (var delta in c.Deltas)
        {
            var binding = new RoleBinding(delta.SubjectAccountId,
                string.IsNullOrEmpty(delta.RoleId) ? RoleIds.DefaultRoleOf(c.ResourceType) : delta.RoleId);
            if (delta.Action == BindingAction.Add)
            {
                if (!after.Contains(binding)) after.Add(binding);
            }
            else
            {
                after.RemoveAll(b => b == binding);
            }
        }

        // A resource nobody manages could never be shared or taken back again: the last manager must hand the role on
        // (add the new manager in the same request) before leaving.
        if (!after.Any(b => managing.Contains(b.RoleId)))
            throw DomainException.Precondition(
                $"The change would leave {c.ResourceType} {c.ResourceId} with nobody holding {string.Join(" or ", managing)}.");

        // Only the net change is recorded, revocations first: an ADD undone by a later REMOVE of the same binding
        // leaves no trace, and a request that changes nothing appends nothing (a retried request is a no-op).
        var before = state.Bindings.Distinct().ToList();
        // What onboarding gave the customer (admin on its subaccount) is the customer's to give up, not the partner's.
        if (before.Where(b => !after.Contains(b)).FirstOrDefault(b => b.SubjectAccountId != c.CallerAccountId
                && state.OnboardingBindings.Contains(b)) is { } isProtected)
            throw DomainException.Denied(
                $"The {isProtected.RoleId} binding of {isProtected.SubjectAccountId} on {c.ResourceType} {c.ResourceId} came with the partnership; only its holder can remove it.");
        var revoked = before.Where(b => !after.Contains(b))
            .Select(b => (object)new AccessBindingRevoked(c.ResourceType, c.ResourceId, b.SubjectAccountId, b.RoleId, c.Now));
        var granted = after.Where(b => !before.Contains(b))
            .Select(b => (object)new AccessBindingGranted(c.ResourceType, c.ResourceId, b.SubjectAccountId, b.RoleId, "", c.Now));
        return [.. revoked, .. granted];
    }

    private static void Validate(AccessCommand command)
    {
        if (!AccessIds.IsKnownResourceType(command.ResourceType))
            throw DomainException.Invalid("resource_type", "is not a known resource type.");
        if ((command is UpdateBindings or GrantInitialOwner) && !AccessIds.UpdatableResourceTypes.Contains(command.ResourceType))
            throw DomainException.Invalid("resource_type", "must be a cloud or a billing account.");
        AccessIds.RequireResourceId(command.ResourceId);
        if (command is UpdateBindings update)
        {
            ValidateDeltas(update.Deltas);
            return;
        }
        var bindings = command switch
        {
            GrantRoles c => c.Grants,
            RevokeRole c => [c.Binding],
            RestorePartnership c => [new RoleBinding(c.PartnerAccountId, c.RoleId)],
            GrantInitialOwner c => [c.Binding],
            _ => [],
        };
        foreach (var b in bindings)
        {
            if (string.IsNullOrWhiteSpace(b.SubjectAccountId)) throw DomainException.Invalid("subject_account_id", "is required.");
            if (string.IsNullOrWhiteSpace(b.RoleId)) throw DomainException.Invalid("role_id", "is required.");
        }
    }

    // Field names are the request's (UpdateAccessBindingsRequest.deltas); the message says which delta.
    private static void ValidateDeltas(IReadOnlyList<BindingDelta> deltas)
    {
        if (deltas.Count > UpdateBindings.MaxDeltas)
            throw DomainException.Invalid("deltas", $"at most {UpdateBindings.MaxDeltas} in one request.");
        for (var i = 0; i < deltas.Count; i++)
        {
            var d = deltas[i];
            if (string.IsNullOrWhiteSpace(d.SubjectAccountId))
                throw DomainException.Invalid("deltas.subject_account_id", $"is required (delta {i}).");
            // A mistyped ID would be a binding nobody can ever use; the format is all that can be checked here.
            if (!AccountIds.IsValid(d.SubjectAccountId))
                throw DomainException.Invalid("deltas.subject_account_id", $"must be an account ID in aje... format (delta {i}).");
            if (d.Action is not (BindingAction.Add or BindingAction.Remove))
                throw DomainException.Invalid("deltas.action", $"must be ADD or REMOVE (delta {i}).");
            // The default role stands in for a missing role only when adding: a REMOVE names exactly what it takes away.
            if (string.IsNullOrEmpty(d.RoleId))
            {
                if (d.Action == BindingAction.Remove) throw DomainException.Invalid("deltas.role_id", $"is required to remove a role (delta {i}).");
            }
            else if (!RoleIds.IsKnown(d.RoleId))
            {
                throw DomainException.Invalid("deltas.role_id", $"'{d.RoleId}' is not a known role (delta {i}).");
            }
        }
    }
}
