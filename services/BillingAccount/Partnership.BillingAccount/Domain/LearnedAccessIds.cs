using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Domain;

public static class LearnedAccessIds
{
    /// <summary>The resource types whose roles linking depends on; others (organizations) are not learned.</summary>
    public static bool IsLearned(string? resourceType) =>
        resourceType is ResourceTypes.Cloud or ResourceTypes.BillingAccount;

    /// <summary>One stream per resource: what this service has learned of who holds which role on it.</summary>
    public static string Stream(string resourceType, string resourceId) => $"learned-access-{resourceType}-{resourceId}";
}
