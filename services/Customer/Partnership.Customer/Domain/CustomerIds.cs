using Partnership.EventSourcing;

namespace Partnership.Customer.Domain;

public static class CustomerIds
{
    public const string Prefix = "cst";

    /// <summary>One record per partner and customer account: the ID is derived from both, so a second
    /// create for the same pair lands on the same stream and is refused there.</summary>
    public static string For(string partnerAccountId, string customerAccountId) =>
        ResourceIds.Derive(Prefix, partnerAccountId + "/" + customerAccountId);

    public static string Stream(string customerId) => "customer-" + customerId;
    public static string SubaccountIndexStream(string subaccountId) => "customer-by-subaccount-" + subaccountId;
}
