using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Domain;

public static class AccessIds
{
    public const int MaxResourceIdLength = 64;

    /// <summary>The resource types bindings can be on (the strings of <see cref="ResourceTypes"/>).</summary>
    public static IReadOnlyList<string> ResourceTypeNames { get; } =
        [ResourceTypes.BillingAccount, ResourceTypes.Organization, ResourceTypes.Cloud];

    public static bool IsKnownResourceType(string? resourceType) => resourceType is not null && ResourceTypeNames.Contains(resourceType);

    /// <summary>All bindings of one resource live in one stream, so a grant is checked against all of them at once.</summary>
    public static string Stream(string resourceType, string resourceId) => $"access-{resourceType}-{resourceId}";
}
