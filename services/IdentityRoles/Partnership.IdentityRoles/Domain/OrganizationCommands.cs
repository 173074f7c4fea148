namespace Partnership.IdentityRoles.Domain;

public abstract record OrganizationCommand;

/// <summary>Creates the organization of a customer record; a second create for the same record changes nothing.</summary>
public sealed record CreateCustomerOrganization(string OrganizationId, string CustomerId, string CustomerName, string PartnerAccountId,
    string CustomerAccountId, DateTimeOffset Now) : OrganizationCommand;
