using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

// .NET names end in IntegrationEvent, unlike the domain events of the same facts; [MessageUrn] keeps the messageType
// they were published with before (no suffix), which MassTransit subscribers match on: the wire names are unchanged.

/// <summary>An operator registered an account.</summary>
/// <param name="AccountId">"aje" + 17 lowercase letters and digits.</param>
/// <param name="Email">The email the account is registered with, lowercased.</param>
[EntityName("partnership.account-registered.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:AccountRegistered")]
public sealed record AccountRegisteredIntegrationEvent(string AccountId, string Email, string DisplayName, DateTimeOffset OccurredAt);

/// <summary>An account got partner status: it may add customers (once its billing account is in paid mode).</summary>
[EntityName("partnership.partner-status-assigned.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnerStatusAssigned")]
public sealed record PartnerStatusAssignedIntegrationEvent(string AccountId, DateTimeOffset OccurredAt);

/// <summary>An account lost partner status: it adds no customers from now on.</summary>
[EntityName("partnership.partner-status-withdrawn.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnerStatusWithdrawn")]
public sealed record PartnerStatusWithdrawnIntegrationEvent(string AccountId, DateTimeOffset OccurredAt);

/// <summary>
/// The organization created for a customer record, once its subaccount exists: its default role bindings (on the
/// subaccount and on the organization) were granted before it was announced.
/// </summary>
/// <param name="Name">Exactly "For subaccount '&lt;customer name&gt;'".</param>
/// <param name="DefaultBindings">The default role bindings onboarding holds on the customer's subaccount and this organization
/// when it is created (each also published as AccessBindingGranted): billing.accounts.owner to the partner and admin to the
/// customer on the subaccount, organization-manager.organizations.owner to both on the organization; the partner's are
/// missing when the customer declined first. Null in messages from before the field was added, whose organizations were
/// created before their subaccounts.</param>
[EntityName("partnership.organization-created.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:OrganizationCreated")]
public sealed record OrganizationCreatedIntegrationEvent(string OrganizationId, string Name, string CustomerId, string PartnerAccountId,
    string CustomerAccountId, DateTimeOffset OccurredAt, IReadOnlyList<RoleBindingOnResource>? DefaultBindings = null);

/// <summary>One account holding one role on one resource.</summary>
/// <param name="ResourceType">"billing-account", "organization" or "cloud".</param>
public sealed record RoleBindingOnResource(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId);

/// <summary>A role was granted on a resource.</summary>
/// <param name="ResourceType">"billing-account", "organization" or "cloud".</param>
/// <param name="CustomerId">The customer record the grant belongs to, when it comes from onboarding; else empty.</param>
[EntityName("partnership.access-binding-granted.v1")]
[RoutingKey(nameof(ResourceType))]
[MessageUrn("Partnership.Contracts.IntegrationEvents:AccessBindingGranted")]
public sealed record AccessBindingGrantedIntegrationEvent(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    string CustomerId, DateTimeOffset OccurredAt);

/// <summary>A role was revoked on a resource.</summary>
/// <param name="ResourceType">"billing-account", "organization" or "cloud".</param>
[EntityName("partnership.access-binding-revoked.v1")]
[RoutingKey(nameof(ResourceType))]
[MessageUrn("Partnership.Contracts.IntegrationEvents:AccessBindingRevoked")]
public sealed record AccessBindingRevokedIntegrationEvent(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId,
    DateTimeOffset OccurredAt);

public static class ResourceTypes
{
    public const string BillingAccount = "billing-account";
    public const string Organization = "organization";
    public const string Cloud = "cloud";
}
