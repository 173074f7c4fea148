using System.Net.Mail;

namespace Partnership.Notification;

/// <summary>The confirmation email's sender address and the timings that keep it sent at most once.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notification";

    public string From { get; set; } = "noreply@partners.cloud.yandex.ru";

    /// <summary>An intent with no outcome after this long is marked UNKNOWN by the sweeper (its sender died).</summary>
    public TimeSpan UnknownAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The whole SMTP exchange (connect retries and send) ends within this; must be below <see cref="UnknownAfter"/>.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweeper looks for stale intents: half of UnknownAfter, at most 5 s.</summary>
    public TimeSpan SweepPeriod => UnknownAfter / 2 < TimeSpan.FromSeconds(5) ? UnknownAfter / 2 : TimeSpan.FromSeconds(5);

    /// <summary>Null when valid; otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (SmtpTimeout <= TimeSpan.Zero) return "Notification:SmtpTimeout must be positive.";
        if (UnknownAfter <= TimeSpan.Zero) return "Notification:UnknownAfter must be positive.";
        // Otherwise the sweeper could mark a delivery UNKNOWN while its sender is still waiting for the server.
        if (SmtpTimeout >= UnknownAfter)
            return $"Notification:SmtpTimeout ({SmtpTimeout}) must be below Notification:UnknownAfter ({UnknownAfter}).";
        if (string.IsNullOrWhiteSpace(From) || !MailAddress.TryCreate(From, out _))
            return $"Notification:From ('{From}') is not an email address.";
        return null;
    }
}
