using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

public static class OrganizationIds
{
    public const string Prefix = "bpf";

    /// <summary>One organization per customer record: a redelivered CustomerCreated arrives at the same ID.</summary>
    public static string ForCustomer(string customerId) => ResourceIds.Derive(Prefix, customerId);

    public static string Stream(string organizationId) => "organization-" + organizationId;

    public static bool IsValid(string? organizationId) => ResourceIds.IsValid(organizationId, Prefix);

    /// <summary>The name a customer's organization gets: exactly "For subaccount '&lt;customer name&gt;'".</summary>
    public static string NameForCustomer(string customerName) => $"For subaccount '{customerName}'";
}
