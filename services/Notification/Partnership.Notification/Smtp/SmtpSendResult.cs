namespace Partnership.Notification.Smtp;

public enum SmtpSendStatus
{
    /// <summary>The SMTP server accepted the mail.</summary>
    Sent,
    /// <summary>
    /// The mail certainly did not go, but may later: the server could not be reached, timed out or broke before every
    /// recipient was accepted, or answered 4xx.
    /// </summary>
    NotSent,
    /// <summary>The server refused the mail for good (5xx): it did not go and will not.</summary>
    Rejected,
    /// <summary>The mail was being handed over when the exchange broke: the server may or may not have taken it.</summary>
    Unknown,
    /// <summary>Another sender took this attempt (its hand-over append won): nothing was sent here.</summary>
    Skipped,
}

/// <param name="Detail">The server's answer when sent or refused, otherwise why not.</param>
/// <param name="HandedOver">Whether the hand-over was recorded before this result (the stream moved one version on).</param>
public sealed record SmtpSendResult(SmtpSendStatus Status, string Detail, bool HandedOver)
{
    public const int MaxDetailLength = 500;

    public static SmtpSendResult Sent(string serverResponse) => new(SmtpSendStatus.Sent, Trim(serverResponse), true);
    public static SmtpSendResult NotSent(string reason, bool handedOver) => new(SmtpSendStatus.NotSent, Trim(reason), handedOver);
    public static SmtpSendResult Rejected(string reply, bool handedOver) => new(SmtpSendStatus.Rejected, Trim(reply), handedOver);
    public static SmtpSendResult Unknown(string reason) => new(SmtpSendStatus.Unknown, Trim(reason), true);
    public static SmtpSendResult Skipped { get; } = new(SmtpSendStatus.Skipped, "Another sender took this attempt.", false);

    private static string Trim(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
}
