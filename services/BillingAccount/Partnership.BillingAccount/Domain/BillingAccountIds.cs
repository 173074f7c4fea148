using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class BillingAccountIds
{
    public const string Prefix = "dn2";

    /// <summary>An account's own billing account: derived from the account, so a redelivered
    /// AccountRegistered lands on the same stream and finds it there.</summary>
    public static string Personal(string accountId) => ResourceIds.Derive(Prefix, "personal/" + accountId);

    /// <summary>The partner subaccount of a customer record: one per record, derived from it.</summary>
    public static string Subaccount(string customerId) => ResourceIds.Derive(Prefix, "subaccount/" + customerId);

    public static bool IsValid(string? billingAccountId) => ResourceIds.IsValid(billingAccountId, Prefix);

    private const string StreamPrefix = "billing-account-";
    public static string Stream(string billingAccountId) => StreamPrefix + billingAccountId;
    public static string FromStream(string streamId) => StreamIds.Strip(StreamPrefix, streamId);
}
