using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

public static class AccountIds
{
    public const string Prefix = "aje";

    /// <summary>The account ID is derived from the normalized email, so the email is unique because the stream is:
    /// a second registration of the same email lands on the same stream and is refused there.</summary>
    public static string ForEmail(string normalizedEmail) => ResourceIds.Derive(Prefix, normalizedEmail);

    private const string StreamPrefix = "account-";
    public static string Stream(string accountId) => StreamPrefix + accountId;
    public static string FromStream(string streamId) => StreamIds.Strip(StreamPrefix, streamId);

    public static bool IsValid(string? accountId) => ResourceIds.IsValid(accountId, Prefix);
}
