using MailKit.Net.Smtp;
using MimeKit;

namespace Partnership.Notification.Smtp;

/// <summary>
/// A MailKit client that remembers how far the current transaction got. MailKit reads the answers to MAIL FROM and
/// every RCPT TO (pipelined or not) before it sends DATA, so until a recipient is accepted no mail content has left
/// this process: a failure before that certainly did not deliver.
/// </summary>
internal sealed class TrackingSmtpClient : SmtpClient
{
    /// <summary>A recipient was accepted: DATA may follow, so a broken exchange from here on may have delivered.</summary>
    public bool RecipientAccepted { get; private set; }

    /// <summary>Messages sent on this connection (a reused connection may have been closed by the server meanwhile).</summary>
    public int MessagesSent { get; set; }

    public void BeginTransaction() => RecipientAccepted = false;

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        base.OnRecipientAccepted(message, mailbox, response);
        RecipientAccepted = true;
    }
}
