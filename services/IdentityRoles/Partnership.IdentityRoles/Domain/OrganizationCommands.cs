namespace Partnership.IdentityRoles.Domain;

public abstract record OrganizationCommand;

/// <summary>Creates the organization of a customer record; a second create for the same record changes nothing.</summary>
/// <param name="DefaultBindings">The default bindings already held, for its announcement; null from a build that created the
/// organization before granting them (a CustomerCreated still queued at an upgrade).</param>
public sealed record CreateCustomerOrganization(string OrganizationId, string CustomerId, string CustomerName, string PartnerAccountId,
    string CustomerAccountId, DateTimeOffset Now, IReadOnlyList<ResourceBinding>? DefaultBindings = null) : OrganizationCommand;
