using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Domain;

/// <summary>One subject holding one role.</summary>
public sealed record RoleBinding(string SubjectAccountId, string RoleId);

public abstract record AccessCommand(string ResourceType, string ResourceId);

/// <summary>Grants several roles on one resource in one append; roles already held are skipped.</summary>
/// <param name="CustomerId">The customer record the grants come from (onboarding); else empty.</param>
public sealed record GrantRoles(string ResourceType, string ResourceId, IReadOnlyList<RoleBinding> Grants, string CustomerId,
    DateTimeOffset Now) : AccessCommand(ResourceType, ResourceId)
{
    /// <summary>On a customer's organization, the partner and the customer are both owners.</summary>
    public static GrantRoles ForCustomerOrganization(string organizationId, string partnerAccountId, string customerAccountId,
        string customerId, DateTimeOffset now) =>
        new(ResourceTypes.Organization, organizationId,
            [new(partnerAccountId, RoleIds.OrganizationsOwner), new(customerAccountId, RoleIds.OrganizationsOwner)], customerId, now);

    /// <summary>On a customer's subaccount, the partner owns the billing account and the customer is its admin.</summary>
    public static GrantRoles ForCustomerSubaccount(string subaccountId, string partnerAccountId, string customerAccountId,
        string customerId, DateTimeOffset now) =>
        new(ResourceTypes.BillingAccount, subaccountId,
            [new(partnerAccountId, RoleIds.BillingAccountsOwner), new(customerAccountId, RoleIds.Admin)], customerId, now);
}

public sealed record RevokeRole(string ResourceType, string ResourceId, RoleBinding Binding, DateTimeOffset Now)
    : AccessCommand(ResourceType, ResourceId);
