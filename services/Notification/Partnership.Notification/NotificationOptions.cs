using System.Net.Mail;
using Partnership.Notification.Domain;

namespace Partnership.Notification;

/// <summary>The confirmation email's sender address and the timings that keep it sent at most once, and retried while it certainly did not go.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notification";

    public string From { get; set; } = "noreply@partners.cloud.yandex.ru";

    /// <summary>A hand-over with no outcome after this long is marked UNKNOWN by the sweeper (its sender died).</summary>
    public TimeSpan UnknownAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Getting a connection ends within this, and so does one hand-over; must be below <see cref="UnknownAfter"/>.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SMTP connections kept open and re-used; also how many mails are handed over at once. Each transaction holds its
    /// connection over the hand-over's commit, so four made the email the whole pipeline's queue under load (in the
    /// benchmark mails waited ~1 s for a connection with 4, ~0.5 s with 8, ~0.25 s with 16; see benchmarks/HISTORY.md).
    /// 16 is within what relays commonly allow one client; more also means more mails in flight when the process dies.
    /// </summary>
    public int SmtpConnections { get; set; } = DefaultSmtpConnections;

    /// <summary>The default of <see cref="SmtpConnections"/>, which <see cref="Smtp.SmtpOptions"/> takes too.</summary>
    public const int DefaultSmtpConnections = 16;

    /// <summary>A kept SMTP connection this old is closed (QUIT) before the next mail, which takes a fresh one.</summary>
    public TimeSpan SmtpConnectionLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An email that certainly did not go is retried this long after its intent, then FAILED.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first wait before a retry; it doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries. Short, because it bounds how long a returned mail server waits for its
    /// mail (the target is 30 s); one connect attempt per waiting email every 20 s costs the server next to nothing.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// An intent never handed over is taken up by the resumer once it is this old (its sender stopped, or the
    /// intent's commit was acknowledged after the sender gave up). Younger ones are left to the sender at work.
    /// </summary>
    public TimeSpan ResumeAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the resumer looks for intents to take up and retries that are due, while any email is pending.</summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often it looks while no email is pending and this instance has committed nothing for a few seconds (a commit
    /// here wakes it at once). Bounds how late a pending email of an instance that died is noticed by another one.
    /// </summary>
    public TimeSpan ResumeIdlePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The directory of the accepted-mail journal (what the SMTP server took, noted before the outcome's commit). Give
    /// each deployment a persistent one that its replicas share; by default a directory under the system's temporary
    /// one, named after the event store's database (it survives a process's crash, not a machine's reboot).
    /// </summary>
    public string? AcceptedMailJournal { get; set; }

    public RetryPolicy Retry => new(RetryFirstDelay, RetryMaxDelay, RetryFor);

    /// <summary>How often the sweeper looks for stale hand-overs: half of UnknownAfter, at most 5 s.</summary>
    public TimeSpan SweepPeriod => UnknownAfter / 2 < TimeSpan.FromSeconds(5) ? UnknownAfter / 2 : TimeSpan.FromSeconds(5);

    /// <summary>Null when valid; otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (SmtpTimeout <= TimeSpan.Zero) return "Notification:SmtpTimeout must be positive.";
        if (UnknownAfter <= TimeSpan.Zero) return "Notification:UnknownAfter must be positive.";
        // Otherwise the sweeper could mark a delivery UNKNOWN while its sender is still waiting for the server.
        if (SmtpTimeout >= UnknownAfter)
            return $"Notification:SmtpTimeout ({SmtpTimeout}) must be below Notification:UnknownAfter ({UnknownAfter}).";
        if (SmtpConnections < 1) return "Notification:SmtpConnections must be at least 1.";
        if (SmtpConnectionLifetime < TimeSpan.Zero) return "Notification:SmtpConnectionLifetime must not be negative.";
        if (RetryFor < TimeSpan.Zero) return "Notification:RetryFor must not be negative.";
        if (RetryFirstDelay <= TimeSpan.Zero) return "Notification:RetryFirstDelay must be positive.";
        if (RetryMaxDelay < RetryFirstDelay)
            return $"Notification:RetryMaxDelay ({RetryMaxDelay}) must not be below Notification:RetryFirstDelay ({RetryFirstDelay}).";
        if (ResumeAfter <= TimeSpan.Zero) return "Notification:ResumeAfter must be positive.";
        if (ResumePeriod <= TimeSpan.Zero) return "Notification:ResumePeriod must be positive.";
        if (ResumeIdlePeriod < ResumePeriod)
            return $"Notification:ResumeIdlePeriod ({ResumeIdlePeriod}) must not be below Notification:ResumePeriod ({ResumePeriod}).";
        if (string.IsNullOrWhiteSpace(From) || !MailAddress.TryCreate(From, out _))
            return $"Notification:From ('{From}') is not an email address.";
        return null;
    }
}
