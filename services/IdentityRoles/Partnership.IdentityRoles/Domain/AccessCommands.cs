using Partnership.Contracts.IntegrationEvents;

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

    /// <summary>Which of these grants <paramref name="state"/> (this resource's bindings after the grant) holds: a partner's may not be.</summary>
    public IReadOnlyList<ResourceBinding> HeldIn(ResourceAccessBindings state) =>
        Grants.Where(state.Holds).Select(g => new ResourceBinding(ResourceType, ResourceId, g.SubjectAccountId, g.RoleId)).ToList();

    /// <summary>On a customer's subaccount, the partner owns the billing account and the customer is its admin.</summary>
    public static GrantRoles ForCustomerSubaccount(string subaccountId, string partnerAccountId, string customerAccountId,
        string customerId, DateTimeOffset now) =>
        new(ResourceTypes.BillingAccount, subaccountId,
            [new(partnerAccountId, RoleIds.BillingAccountsOwner), new(customerAccountId, RoleIds.Admin)], customerId, now);
}

public sealed record RevokeRole(string ResourceType, string ResourceId, RoleBinding Binding, DateTimeOffset Now)
    : AccessCommand(ResourceType, ResourceId);

/// <summary>The partnership is over (declined or ended): every role the partner holds on the customer's subaccount or organization goes.</summary>
/// <param name="Invitation">The invitation declined or expired; 0 for an ended partnership (final: it is never renewed).</param>
public sealed record EndPartnership(string ResourceType, string ResourceId, string CustomerId, string PartnerAccountId, DateTimeOffset Now,
    int Invitation = 0) : AccessCommand(ResourceType, ResourceId);

/// <summary>The partner reinvited the customer: the partner's default role on the subaccount or organization comes back.</summary>
public sealed record RestorePartnership(string ResourceType, string ResourceId, string CustomerId, string PartnerAccountId, string RoleId,
    int Invitation, DateTimeOffset Now) : AccessCommand(ResourceType, ResourceId);

/// <summary>
/// The first binding of a resource another service created: its creator owns it. Once per resource, not once per
/// message: a redelivered creation must not give back an owner role that was later handed on and removed.
/// </summary>
public sealed record GrantInitialOwner(string ResourceType, string ResourceId, string OwnerAccountId, DateTimeOffset Now)
    : AccessCommand(ResourceType, ResourceId)
{
    public RoleBinding Binding => new(OwnerAccountId, RoleIds.OwnerRoleOf(ResourceType));

    /// <summary>The creator of a cloud owns it; the customer later grants the partner a role on it so it can be linked.</summary>
    public static GrantInitialOwner ForCreatedCloud(string cloudId, string creatorAccountId, DateTimeOffset now) =>
        new(ResourceTypes.Cloud, cloudId, creatorAccountId, now);

    /// <summary>The account a personal billing account was opened for owns it.</summary>
    public static GrantInitialOwner ForCreatedBillingAccount(string billingAccountId, string ownerAccountId, DateTimeOffset now) =>
        new(ResourceTypes.BillingAccount, billingAccountId, ownerAccountId, now);
}

/// <summary>What a delta does. <see cref="Unspecified"/> is what an omitted action arrives as; it is refused.</summary>
public enum BindingAction
{
    Unspecified,
    Add,
    Remove,
}

/// <param name="RoleId">Empty on <see cref="BindingAction.Add"/>: the default role of the resource type.</param>
public sealed record BindingDelta(BindingAction Action, string SubjectAccountId, string RoleId);

/// <summary>
/// A manager of a cloud or a billing account adds, changes (remove the old role and add the new one) or removes
/// roles on it. The deltas apply in order and land in one append, so a change is never seen half done.
/// </summary>
/// <param name="CallerIsPartner">Whether the caller holds partner status now (a fact the handler gathers).</param>
public sealed record UpdateBindings(string ResourceType, string ResourceId, string CallerAccountId, IReadOnlyList<BindingDelta> Deltas,
    DateTimeOffset Now, bool CallerIsPartner = false) : AccessCommand(ResourceType, ResourceId)
{
    /// <summary>Enough for any real change; bounds the work one request can ask for.</summary>
    public const int MaxDeltas = 100;
}
