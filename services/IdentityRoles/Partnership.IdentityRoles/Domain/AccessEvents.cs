namespace Partnership.IdentityRoles.Domain;

// Domain events of a resource's access stream (see IdentityEventTypes for the stored names).

public sealed record AccessBindingGranted(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    string CustomerId, DateTimeOffset At);

/// <summary>
/// The partnership this resource was provisioned for ended (the customer declined, or either side ended it): the partner's
/// roles were revoked with it, and an onboarding grant that arrives late gives the partner nothing here.
/// </summary>
public sealed record PartnershipEnded(string ResourceType, string ResourceId, string CustomerId, string PartnerAccountId, DateTimeOffset At);

public sealed record AccessBindingRevoked(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    DateTimeOffset At);

/// <summary>
/// The partner invited the customer again (invitation <paramref name="Invitation"/>): the partnership is no longer over
/// here, so onboarding grants reach the partner again, and a decline or expiry of an earlier invitation changes nothing.
/// </summary>
public sealed record PartnershipRestored(string ResourceType, string ResourceId, string CustomerId, string PartnerAccountId, int Invitation,
    DateTimeOffset At);
