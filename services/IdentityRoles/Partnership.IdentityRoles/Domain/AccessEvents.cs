namespace Partnership.IdentityRoles.Domain;

// Domain events of a resource's access stream (see IdentityEventTypes for the stored names).

public sealed record AccessBindingGranted(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    string CustomerId, DateTimeOffset At);

public sealed record AccessBindingRevoked(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    DateTimeOffset At);
