using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>A CreateCloud request that passed validation; each refusal names the request field at fault.</summary>
public sealed record ValidCloudRequest(string RequestId, string Name, string OrganizationId, string BillingAccountId)
{
    public const int MaxNameLength = 63;
    public const string OrganizationPrefix = "bpf";

    public static ValidCloudRequest From(string? requestId, string? name, string? organizationId, string? billingAccountId)
    {
        var key = FieldRules.RequestId(requestId, "a retry does not create a second cloud");
        var trimmed = FieldRules.Name(name, "name", MaxNameLength);
        if (!ResourceIds.IsValid(organizationId, OrganizationPrefix))
            throw DomainException.Invalid("organization_id", "must be an organization ID in bpf... format.");
        if (!BillingAccountIds.IsValid(billingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        return new ValidCloudRequest(key, trimmed, organizationId!, billingAccountId!);
    }
}
