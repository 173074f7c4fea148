using Partnership.EventSourcing;

namespace Partnership.Notification.Domain;

public static class ConfirmationEmailIds
{
    public const string StreamPrefix = "confirmation-email-";

    /// <summary>
    /// One stream per invitation: the email is decided once per invitation, whatever delivers the message. The first
    /// invitation keeps the stream name it had before reinvitations existed (one per customer), so its history stays.
    /// </summary>
    public static string Stream(string customerId, int invitation = 1) => StreamPrefix + Key(customerId, invitation);

    /// <summary>What names one email (the delivery view's ID): the customer ID for invitation 1.</summary>
    public static string Key(string customerId, int invitation) => invitation <= 1 ? customerId : $"{customerId}-invitation-{invitation}";

    public static string KeyOf(string streamId) => StreamIds.Strip(StreamPrefix, streamId);

    public static string StreamOfKey(string key) => StreamPrefix + key;
}
