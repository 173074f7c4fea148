using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.Access.Reading;

/// <summary>
/// Organizations and bindings, read from their streams. A resource is visible to the accounts holding a role
/// on it and to operators; to anyone else it does not exist (NOT_FOUND, so its ID leaks nothing).
/// </summary>
public sealed class AccessQueries(CommandHandler commands)
{
    public async Task<(OrganizationRecord Organization, long Version)> GetOrganization(string callerAccountId, bool callerIsOperator,
        string? organizationId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(organizationId)) throw DomainException.Invalid("organization_id", "is required.");
        if (!OrganizationIds.IsValid(organizationId))
            throw DomainException.Invalid("organization_id", "must be an organization ID in bpf... format.");
        var (organization, version) = await commands.Load<OrganizationRecord, OrganizationCommand>(OrganizationIds.Stream(organizationId), ct);
        if (!organization.Exists) throw DomainException.NotFound($"No organization {organizationId}.");
        if (!callerIsOperator)
        {
            var access = await LoadAccess(ResourceTypes.Organization, organizationId, ct);
            if (!access.HasAnyRole(callerAccountId)) throw DomainException.NotFound($"No organization {organizationId}.");
        }
        return (organization, version);
    }

    public async Task<ResourceAccessBindings> ListBindings(string callerAccountId, bool callerIsOperator, string resourceType, string? resourceId,
        CancellationToken ct)
    {
        if (!AccessIds.IsKnownResourceType(resourceType)) throw DomainException.Invalid("resource_type", "is required.");
        var access = await LoadAccess(resourceType, AccessIds.RequireResourceId(resourceId), ct);
        if (!callerIsOperator && !access.HasAnyRole(callerAccountId))
            throw DomainException.NotFound($"No {resourceType} {resourceId} with bindings visible to the caller.");
        return access;
    }

    /// <summary>
    /// Whether the subject holds any of the roles on the resource now. Read from the stream on every call (no read
    /// model): Billing-Account links a cloud on this answer, so a revocation must count from the moment it is stored.
    /// </summary>
    public async Task<AccessCheckResult> Check(string callerAccountId, bool callerIsOperator, string resourceType, string? resourceId,
        string? subjectAccountId, IReadOnlyList<string> roleIds, CancellationToken ct)
    {
        if (!AccessIds.IsKnownResourceType(resourceType)) throw DomainException.Invalid("resource_type", "is required.");
        var id = AccessIds.RequireResourceId(resourceId);
        if (string.IsNullOrWhiteSpace(subjectAccountId)) throw DomainException.Invalid("subject_account_id", "is required.");
        AccessChecks.EnsureMayAsk(callerAccountId, callerIsOperator, subjectAccountId);
        return AccessChecks.Check(await LoadAccess(resourceType, id, ct), subjectAccountId, roleIds);
    }

    private async Task<ResourceAccessBindings> LoadAccess(string resourceType, string resourceId, CancellationToken ct) =>
        (await commands.Load<ResourceAccessBindings, AccessCommand>(AccessIds.Stream(resourceType, resourceId), ct)).State;
}
