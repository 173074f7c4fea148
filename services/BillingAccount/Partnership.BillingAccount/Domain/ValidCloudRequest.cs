using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>A CreateCloud request that passed validation; each refusal names the request field at fault.</summary>
public sealed record ValidCloudRequest(string RequestId, string Name, string OrganizationId, string BillingAccountId)
{
    public const int MaxRequestIdLength = 64;
    public const int MaxNameLength = 63;
    public const string OrganizationPrefix = "bpf";

    public static ValidCloudRequest From(string? requestId, string? name, string? organizationId, string? billingAccountId)
    {
        if (string.IsNullOrWhiteSpace(requestId))
            throw DomainException.Invalid("request_id", "is required so that a retry does not create a second cloud.");
        if (requestId.Length > MaxRequestIdLength)
            throw DomainException.Invalid("request_id", $"must be at most {MaxRequestIdLength} characters.");
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid("name", "is required.");
        if (trimmed.Length > MaxNameLength) throw DomainException.Invalid("name", $"must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Invalid("name", "must not contain control characters.");
        if (!ResourceIds.IsValid(organizationId, OrganizationPrefix))
            throw DomainException.Invalid("organization_id", "must be an organization ID in bpf... format.");
        if (!BillingAccountIds.IsValid(billingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        return new ValidCloudRequest(requestId, trimmed, organizationId!, billingAccountId!);
    }
}
