namespace Partnership.IdentityRoles.Domain;

// Domain events of the organization stream (see IdentityEventTypes for the stored names).

public sealed record OrganizationCreated(string OrganizationId, string Name, string CustomerId, string PartnerAccountId,
    string CustomerAccountId, DateTimeOffset At);
