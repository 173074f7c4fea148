using Partnership.BillingAccount.Domain;

namespace Partnership.BillingAccount.Clouds.Linking;

/// <summary>
/// Asks the source of truth of roles (Identity/Roles) what an account holds on a resource at this moment.
/// Throws an UNAVAILABLE RpcException when it cannot answer, so a link is never decided without an answer.
/// </summary>
public interface IAccessCheck
{
    /// <param name="resourceType">"cloud", "billing-account" or "organization" (the integration events' resource types).</param>
    Task<RoleCheck> Check(string resourceType, string resourceId, string subjectAccountId, IReadOnlyList<string> roleIds,
        CancellationToken ct);
}
