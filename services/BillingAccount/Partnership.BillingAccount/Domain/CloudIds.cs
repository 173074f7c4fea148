using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class CloudIds
{
    public const string Prefix = "b1g";

    /// <summary>
    /// A cloud's ID is derived from its creator and the client's request ID, so a retried CreateCloud lands on
    /// the same stream and finds the cloud there instead of creating a second one.
    /// </summary>
    public static string For(string creatorAccountId, string requestId) => ResourceIds.Derive(Prefix, creatorAccountId + "/" + requestId);

    public static bool IsValid(string? cloudId) => ResourceIds.IsValid(cloudId, Prefix);

    public static string Stream(string cloudId) => StreamPrefix + cloudId;
    public static string FromStream(string streamId) => StreamIds.Strip(StreamPrefix, streamId);

    public const string StreamPrefix = "cloud-";
}
