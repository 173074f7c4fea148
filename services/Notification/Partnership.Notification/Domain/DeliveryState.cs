namespace Partnership.Notification.Domain;

// Stored as numbers in the read model: new states are added at the end, never in between.
public enum DeliveryState
{
    /// <summary>No send was decided yet (empty stream).</summary>
    None,
    /// <summary>The send was decided; nothing has been handed to the SMTP server yet.</summary>
    Intended,
    /// <summary>The SMTP server accepted the mail.</summary>
    Sent,
    /// <summary>The mail was handed over and its answer was lost: it may or may not have gone; it is never resent.</summary>
    Unknown,
    /// <summary>The mail certainly did not go: a permanent rejection (5xx), or retries ran out. Not retried.</summary>
    Failed,
    /// <summary>The mail is being handed to the SMTP server (MAIL FROM, RCPT TO, DATA) right now.</summary>
    Sending,
    /// <summary>An attempt certainly did not deliver (refused, timed out before DATA, 4xx); the next one is scheduled.</summary>
    Retrying,
}
