using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>Who holds which role on one resource: state folded from the resource's access stream, and the decisions about it.</summary>
public sealed record ResourceAccess(string ResourceType, string ResourceId, IReadOnlyList<RoleBinding> Bindings)
    : IDecider<ResourceAccess, AccessCommand>
{
    public static ResourceAccess Initial { get; } = new("", "", []);

    public bool Holds(RoleBinding binding) => Bindings.Contains(binding);

    /// <summary>Whether the account holds any role on the resource (what makes the resource visible to it).</summary>
    public bool HasAnyRole(string accountId) => Bindings.Any(b => b.SubjectAccountId == accountId);

    public static ResourceAccess Evolve(ResourceAccess state, object @event) => @event switch
    {
        AccessBindingGranted e => state with
        {
            ResourceType = e.ResourceType, ResourceId = e.ResourceId,
            Bindings = [.. state.Bindings, new RoleBinding(e.SubjectAccountId, e.RoleId)],
        },
        AccessBindingRevoked e => state with
        {
            Bindings = state.Bindings.Where(b => b != new RoleBinding(e.SubjectAccountId, e.RoleId)).ToList(),
        },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(AccessCommand command, ResourceAccess state)
    {
        Validate(command);
        return command switch
        {
            GrantRoles c => Grant(c, state),
            RevokeRole c => state.Holds(c.Binding)
                ? [new AccessBindingRevoked(c.ResourceType, c.ResourceId, c.Binding.SubjectAccountId, c.Binding.RoleId, c.Now)]
                : [],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    // A role the subject already holds (or that appears twice in the command) is granted once: redelivered
    // onboarding messages change nothing.
    private static IReadOnlyList<object> Grant(GrantRoles c, ResourceAccess state) =>
        c.Grants.Distinct().Where(b => !state.Holds(b))
            .Select(b => (object)new AccessBindingGranted(c.ResourceType, c.ResourceId, b.SubjectAccountId, b.RoleId, c.CustomerId, c.Now))
            .ToList();

    private static void Validate(AccessCommand command)
    {
        if (!AccessIds.IsKnownResourceType(command.ResourceType))
            throw DomainException.Invalid("resource_type", "is not a known resource type.");
        if (string.IsNullOrWhiteSpace(command.ResourceId)) throw DomainException.Invalid("resource_id", "is required.");
        var bindings = command switch
        {
            GrantRoles c => c.Grants,
            RevokeRole c => [c.Binding],
            _ => [],
        };
        foreach (var b in bindings)
        {
            if (string.IsNullOrWhiteSpace(b.SubjectAccountId)) throw DomainException.Invalid("subject_account_id", "is required.");
            if (string.IsNullOrWhiteSpace(b.RoleId)) throw DomainException.Invalid("role_id", "is required.");
        }
    }
}
