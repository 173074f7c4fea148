namespace Partnership.IdentityRoles.Domain;

// Domain events of the account stream. Stored names carry a version (see IdentityEventTypes);
// a change adds a V2 record beside these, never edits them.

public sealed record AccountRegistered(string AccountId, string Email, string DisplayName, DateTimeOffset At);

public sealed record PartnerStatusAssigned(DateTimeOffset At);

public sealed record PartnerStatusWithdrawn(DateTimeOffset At);
