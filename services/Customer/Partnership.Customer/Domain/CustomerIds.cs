using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

public static class CustomerIds
{
    public const string Prefix = "cst";

    /// <summary>One record per partner and customer account: the ID is derived from both, so a second
    /// create for the same pair lands on the same stream and is refused there.</summary>
    public static string For(string partnerAccountId, string customerAccountId) =>
        ResourceIds.Derive(Prefix, partnerAccountId + "/" + customerAccountId);

    /// <summary>The record's stream, for an ID a caller sent; INVALID_ARGUMENT naming customer_id when it is not one.</summary>
    public static string RequireStream(string? customerId) =>
        !string.IsNullOrWhiteSpace(customerId) && ResourceIds.IsValid(customerId, Prefix)
            ? Stream(customerId)
            : throw DomainException.Invalid("customer_id", "must be a customer ID in cst... format.");

    private const string StreamPrefix = "customer-";
    public static string Stream(string customerId) => StreamPrefix + customerId;
    public static string FromStream(string streamId) => StreamIds.Strip(StreamPrefix, streamId);
    public static string SubaccountIndexStream(string subaccountId) => SubaccountIndexPrefix + subaccountId;
    private const string SubaccountIndexPrefix = "customer-by-subaccount-";

    /// <summary>A customer record's stream (not the subaccount index, which shares the prefix).</summary>
    public static bool IsRecordStream(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) && !streamId.StartsWith(SubaccountIndexPrefix, StringComparison.Ordinal);
}
