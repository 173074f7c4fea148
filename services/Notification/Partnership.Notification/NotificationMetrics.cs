using System.Diagnostics.Metrics;
using Partnership.ServiceDefaults;

namespace Partnership.Notification;

/// <summary>Outcomes of confirmation emails, counted where the outcome's append succeeded, and what is waiting or in flight.</summary>
public static class NotificationMetrics
{
    private static long _retrying;
    private static long _sending;
    private static Func<int>? _inFlight;

    public static readonly Counter<long> Sent = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.sent", description: "Confirmation emails the SMTP server accepted.");

    public static readonly Counter<long> DeliveryUnknown = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.delivery_unknown", description: "Confirmation emails that may or may not have gone; never resent.");

    public static readonly Counter<long> Failed = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.failed",
        description: "Confirmation emails that certainly did not go: refused for good (5xx), or retries ran out.");

    public static readonly Counter<long> Deferred = Telemetry.Meter.CreateCounter<long>(
        "partnership.confirmation_emails.deferred",
        description: "Attempts that certainly did not deliver (unreachable, timeout before DATA, 4xx) and were scheduled again.");

    public static readonly ObservableGauge<long> Retrying = Telemetry.Meter.CreateObservableGauge(
        "partnership.confirmation_emails.retrying", () => Interlocked.Read(ref _retrying),
        description: "Confirmation emails waiting for their next attempt (read model, refreshed by the resumer).");

    public static readonly ObservableGauge<long> Sending = Telemetry.Meter.CreateObservableGauge(
        "partnership.confirmation_emails.sending", () => Interlocked.Read(ref _sending),
        description: "Confirmation emails handed to the SMTP server with no answer recorded yet, across instances (read model).");

    public static readonly ObservableGauge<int> InFlight = Telemetry.Meter.CreateObservableGauge(
        "partnership.confirmation_emails.in_flight", () => _inFlight?.Invoke() ?? 0,
        description: "SMTP transactions open in this process right now.");

    public static void ObserveInFlight(Func<int> inFlight) => _inFlight = inFlight;

    public static void Observe(long retrying, long sending)
    {
        Interlocked.Exchange(ref _retrying, retrying);
        Interlocked.Exchange(ref _sending, sending);
    }

    public static void Count(IEnumerable<object> appended)
    {
        foreach (var e in appended)
        {
            switch (e)
            {
                case Domain.ConfirmationEmailSent: Sent.Add(1); break;
                case Domain.ConfirmationEmailDeliveryUnknown: DeliveryUnknown.Add(1); break;
                case Domain.ConfirmationEmailFailed: Failed.Add(1); break;
                case Domain.ConfirmationEmailDeferred: Deferred.Add(1); break;
            }
        }
    }
}
