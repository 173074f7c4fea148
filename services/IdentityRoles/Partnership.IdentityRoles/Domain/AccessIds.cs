using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Domain;

public static class AccessIds
{
    public const int MaxResourceIdLength = 64;

    /// <summary>The resource types bindings can be on (the strings of <see cref="ResourceTypes"/>).</summary>
    public static IReadOnlyList<string> ResourceTypeNames { get; } =
        [ResourceTypes.BillingAccount, ResourceTypes.Organization, ResourceTypes.Cloud];

    /// <summary>
    /// The resource types whose bindings their managers change through the API. An organization's owners come from
    /// onboarding only.
    /// </summary>
    public static IReadOnlyList<string> UpdatableResourceTypes { get; } = [ResourceTypes.Cloud, ResourceTypes.BillingAccount];

    public static bool IsKnownResourceType(string? resourceType) => resourceType is not null && ResourceTypeNames.Contains(resourceType);

    /// <summary>All bindings of one resource live in one stream, so a grant is checked against all of them at once.</summary>
    public static string Stream(string resourceType, string resourceId) => $"access-{resourceType}-{resourceId}";

    /// <summary>
    /// A resource ID from a caller becomes part of a stream name, so it is checked before anything is read: required,
    /// short, no whitespace or control characters. Its prefix is not checked, because the IDs belong to other services.
    /// </summary>
    public static string RequireResourceId(string? resourceId)
    {
        if (string.IsNullOrWhiteSpace(resourceId)) throw DomainException.Invalid("resource_id", "is required.");
        if (resourceId.Length > MaxResourceIdLength || resourceId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw DomainException.Invalid("resource_id", "is not a resource ID.");
        return resourceId;
    }
}
