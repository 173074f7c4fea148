namespace Partnership.Notification.Smtp;

public enum SmtpSendStatus
{
    /// <summary>The SMTP server accepted the mail.</summary>
    Sent,
    /// <summary>Nothing was handed over (connect or EHLO failed on every attempt): the mail certainly did not go.</summary>
    NotSent,
    /// <summary>The mail was being handed over when the exchange broke: the server may or may not have taken it.</summary>
    Unknown,
}

/// <param name="Detail">The server's answer when sent, otherwise why not.</param>
public sealed record SmtpSendResult(SmtpSendStatus Status, string Detail)
{
    public const int MaxDetailLength = 500;

    public static SmtpSendResult Sent(string serverResponse) => new(SmtpSendStatus.Sent, Trim(serverResponse));
    public static SmtpSendResult NotSent(string reason) => new(SmtpSendStatus.NotSent, Trim(reason));
    public static SmtpSendResult Unknown(string reason) => new(SmtpSendStatus.Unknown, Trim(reason));

    private static string Trim(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
}
