using Partnership.EventSourcing;

namespace Partnership.Notification.Domain;

public static class ConfirmationEmailIds
{
    public const string StreamPrefix = "confirmation-email-";

    /// <summary>One stream per customer: the email is decided once per customer, whatever delivers the message.</summary>
    public static string Stream(string customerId) => StreamPrefix + customerId;

    public static string CustomerIdOf(string streamId) => StreamIds.Strip(StreamPrefix, streamId);
}
