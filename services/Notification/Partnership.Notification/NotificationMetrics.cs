using System.Diagnostics.Metrics;
using Partnership.ServiceDefaults;

namespace Partnership.Notification;

/// <summary>Outcomes of confirmation emails, counted where the outcome's append succeeded.</summary>
public static class NotificationMetrics
{
    public static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.sent", description: "Confirmation emails the SMTP server accepted.");

    public static readonly Counter<long> DeliveryUnknown = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.delivery_unknown", description: "Confirmation emails that may or may not have gone; never resent.");

    public static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.failed", description: "Confirmation emails that certainly did not go: the SMTP server could not be reached.");

    public static void Count(IEnumerable<object> appended)
    {
        foreach (var e in appended)
        {
            switch (e)
            {
                case Domain.ConfirmationEmailSent: Sent.Add(1); break;
                case Domain.ConfirmationEmailDeliveryUnknown: DeliveryUnknown.Add(1); break;
                case Domain.ConfirmationEmailFailed: Failed.Add(1); break;
            }
        }
    }
}
