using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>The answer to "may this account do that here": whether it holds any of the asked roles, and all it holds.</summary>
public sealed record AccessCheckResult(bool Allowed, IReadOnlyList<string> HeldRoleIds);

/// <summary>
/// CheckAccess, the question other services ask before acting on a resource (Billing-Account before it links a
/// cloud). Answered from the resource's stream as it is now, never from a lagging copy, so a role the customer has
/// just revoked no longer lets the partner link.
/// </summary>
public static class AccessChecks
{
    /// <summary>An account may ask about itself, an operator about anyone: who holds what is not for others to probe.</summary>
    public static void EnsureMayAsk(string callerAccountId, bool callerIsOperator, string subjectAccountId)
    {
        if (!callerIsOperator && subjectAccountId != callerAccountId)
            throw DomainException.Denied("An account may check only its own access; operators may check anyone's.");
    }

    /// <summary>A resource nobody holds a role on answers "not allowed", like one the subject holds nothing on.</summary>
    public static AccessCheckResult Check(ResourceAccessBindings state, string subjectAccountId, IEnumerable<string> roleIds)
    {
        var held = state.RolesOf(subjectAccountId);
        return new(roleIds.Any(held.Contains), held);
    }
}
