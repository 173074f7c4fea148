using System.Collections.Immutable;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>One binding as last heard: held or not, as of when Identity/Roles changed it.</summary>
public sealed record LearnedBinding(string SubjectAccountId, string RoleId, bool Held, DateTimeOffset AsOf);

/// <summary>
/// What this service has learned of the roles on one resource, from Identity/Roles' AccessBindingGranted/Revoked.
/// Eventually consistent by nature: used to list what looks linkable, never to allow a link (LinkCloud asks
/// Identity/Roles itself).
/// </summary>
public sealed record LearnedAccessBindings(ImmutableDictionary<(string Subject, string Role), LearnedBinding> Bindings)
    : IDecider<LearnedAccessBindings, LearnedAccessCommand>
{
    public static LearnedAccessBindings Initial { get; } = new(ImmutableDictionary<(string, string), LearnedBinding>.Empty);

    public IReadOnlyList<string> RolesOf(string subjectAccountId) =>
        Bindings.Values.Where(b => b.Held && b.SubjectAccountId == subjectAccountId).Select(b => b.RoleId)
            .Order(StringComparer.Ordinal).ToList();

    public static LearnedAccessBindings Evolve(LearnedAccessBindings state, object @event) => @event switch
    {
        RoleLearned e => state with
        {
            Bindings = state.Bindings.SetItem((e.SubjectAccountId, e.RoleId), new LearnedBinding(e.SubjectAccountId, e.RoleId, true, e.AsOf)),
        },
        RoleForgotten e => state with
        {
            Bindings = state.Bindings.SetItem((e.SubjectAccountId, e.RoleId), new LearnedBinding(e.SubjectAccountId, e.RoleId, false, e.AsOf)),
        },
        _ => state,
    };

    /// <summary>
    /// Last writer wins, by Identity/Roles' own time of the change: a redelivered message (same time) and a message
    /// overtaken by a newer one for the same binding (a grant retried after its revoke was handled) change nothing.
    /// A revoke of a binding never heard of is still recorded, so the grant it overtook stays ignored when it comes.
    /// </summary>
    public static IReadOnlyList<object> Decide(LearnedAccessCommand command, LearnedAccessBindings state)
    {
        if (state.Bindings.TryGetValue((command.SubjectAccountId, command.RoleId), out var known) && known.AsOf >= command.OccurredAt)
            return [];
        return command switch
        {
            LearnGrant c => [new RoleLearned(c.ResourceType, c.ResourceId, c.SubjectAccountId, c.RoleId, c.OccurredAt)],
            LearnRevoke c => [new RoleForgotten(c.ResourceType, c.ResourceId, c.SubjectAccountId, c.RoleId, c.OccurredAt)],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }
}
