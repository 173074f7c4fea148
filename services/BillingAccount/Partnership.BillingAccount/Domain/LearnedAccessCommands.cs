namespace Partnership.BillingAccount.Domain;

public abstract record LearnedAccessCommand(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    DateTimeOffset OccurredAt);

/// <summary>Identity/Roles said the subject was granted the role at <paramref name="OccurredAt"/>.</summary>
public sealed record LearnGrant(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset OccurredAt)
    : LearnedAccessCommand(ResourceType, ResourceId, SubjectAccountId, RoleId, OccurredAt);

/// <summary>Identity/Roles said the role was revoked from the subject at <paramref name="OccurredAt"/>.</summary>
public sealed record LearnRevoke(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset OccurredAt)
    : LearnedAccessCommand(ResourceType, ResourceId, SubjectAccountId, RoleId, OccurredAt);
