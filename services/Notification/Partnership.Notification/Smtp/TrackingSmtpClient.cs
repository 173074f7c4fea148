using MailKit.Net.Smtp;
using MimeKit;

namespace Partnership.Notification.Smtp;

/// <summary>
/// A MailKit client that remembers how far the current transaction got, and records the hand-over at the last moment
/// before any mail content leaves: MailKit reads the answers to MAIL FROM and every RCPT TO (pipelined or not) before
/// it sends DATA, so the hand-over is taken when the recipient is accepted. Until then the server holds no mail: a
/// failure, or a crash, certainly did not deliver. From the hand-over on, the server's transaction is open.
/// </summary>
internal sealed class TrackingSmtpClient : SmtpClient
{
    private Func<bool>? _handOver;

    /// <summary>A recipient was accepted: DATA may follow, so a broken exchange from here on may have delivered.</summary>
    public bool RecipientAccepted { get; private set; }

    /// <summary>The hand-over was recorded (and this sender won it): DATA follows.</summary>
    public bool HandedOver { get; private set; }

    /// <summary>When this client was made (a Stopwatch timestamp): the pool retires it after SmtpOptions.ConnectionLifetime.</summary>
    public long CreatedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Messages sent on this connection (a reused connection may have been closed by the server meanwhile).</summary>
    public int MessagesSent { get; set; }

    /// <summary>
    /// Starts a transaction whose DATA waits for <paramref name="handOver"/>: false (another sender won) or an exception
    /// (the store is away) ends it before DATA, with <see cref="HandOverRefused"/>.
    /// </summary>
    public void BeginTransaction(Func<bool> handOver) => (_handOver, RecipientAccepted, HandedOver) = (handOver, false, false);

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        base.OnRecipientAccepted(message, mailbox, response);
        RecipientAccepted = true;
        if (HandedOver || _handOver is null) return;
        bool won;
        try
        {
            won = _handOver();
        }
        catch (Exception e)
        {
            throw new HandOverRefused(e);
        }
        if (!won) throw new HandOverRefused(null);
        HandedOver = true;
    }
}

/// <summary>The hand-over was not recorded here (<see cref="Exception.InnerException"/> null: another sender won it); no DATA was sent.</summary>
internal sealed class HandOverRefused(Exception? cause) : Exception("The hand-over was not recorded here; nothing was sent.", cause);
