namespace Partnership.IdentityRoles.Domain;

// Domain events of the organization stream (see IdentityEventTypes for the stored names).

/// <param name="DefaultBindings">The default role bindings held on the subaccount and the organization when it was created
/// (its announcement carries them); null in events stored before it, whose organizations came before their subaccounts.</param>
public sealed record OrganizationCreated(string OrganizationId, string Name, string CustomerId, string PartnerAccountId,
    string CustomerAccountId, DateTimeOffset At, IReadOnlyList<ResourceBinding>? DefaultBindings = null);

/// <summary>One account holding one role on one resource.</summary>
public sealed record ResourceBinding(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId);
