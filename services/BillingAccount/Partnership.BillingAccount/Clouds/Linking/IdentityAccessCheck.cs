using Grpc.Core;
using Partnership.BillingAccount.Domain;
using Partnership.Contracts.Identity.V1;
using Polly;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Clouds.Linking;

/// <summary>
/// Identity/Roles' AccessBindings.CheckAccess over gRPC, with the caller's own token (an account may ask about
/// itself) and the standard resilience handler of ServiceDefaults (retries, timeouts, circuit breaker).
/// </summary>
public sealed class IdentityAccessCheck(AccessBindings.AccessBindingsClient client) : IAccessCheck
{
    public async Task<RoleCheck> Check(string resourceType, string resourceId, string subjectAccountId, IReadOnlyList<string> roleIds,
        CancellationToken ct)
    {
        var request = new CheckAccessRequest { ResourceType = ToProto(resourceType), ResourceId = resourceId, SubjectAccountId = subjectAccountId };
        request.RoleIds.AddRange(roleIds);
        try
        {
            var response = await client.CheckAccessAsync(request, cancellationToken: ct);
            return new RoleCheck(response.Allowed, response.HeldRoleIds.Order(StringComparer.Ordinal).ToList(), roleIds);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && CannotAnswer(e))
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "Identity/Roles cannot say now which roles you hold, so nothing was linked and nothing changed; try again.", e));
        }
    }

    /// <summary>
    /// Identity/Roles did not answer the question, as opposed to answering it: unreachable, too slow, or the resilience
    /// handler gave up (its timeouts and open circuit surface as INTERNAL with the Polly exception inside). UNIMPLEMENTED
    /// too: an instance that does not know CheckAccess yet (a rolling deployment) has no answer either.
    /// </summary>
    internal static bool CannotAnswer(Exception e) => e switch
    {
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unimplemented } => true,
        RpcException r => r.Status.DebugException is { } inner && IsTransport(inner),
        _ => IsTransport(e),
    };

    private static bool IsTransport(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is HttpRequestException or ExecutionRejectedException or TimeoutException) return true;
        return false;
    }

    private static ResourceType ToProto(string resourceType) => resourceType switch
    {
        ResourceTypes.Cloud => ResourceType.Cloud,
        ResourceTypes.BillingAccount => ResourceType.BillingAccount,
        ResourceTypes.Organization => ResourceType.Organization,
        _ => throw new ArgumentOutOfRangeException(nameof(resourceType), resourceType, "Only clouds, billing accounts and organizations are checked."),
    };
}
