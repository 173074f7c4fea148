namespace Partnership.BillingAccount.Domain;

// Events of a learned-access stream: what Identity/Roles said about roles on one resource, as this service heard it.
// AsOf is when Identity/Roles granted or revoked (its OccurredAt), so a late message never overrides a newer one.

public sealed record RoleLearned(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset AsOf);

public sealed record RoleForgotten(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset AsOf);
