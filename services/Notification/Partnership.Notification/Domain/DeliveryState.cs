namespace Partnership.Notification.Domain;

public enum DeliveryState
{
    /// <summary>No send was decided yet (empty stream).</summary>
    None,
    /// <summary>The send was decided and is under way.</summary>
    Intended,
    /// <summary>The SMTP server accepted the mail.</summary>
    Sent,
    /// <summary>The mail may or may not have gone; it is never resent.</summary>
    Unknown,
    /// <summary>The SMTP server could not be reached: the mail certainly did not go. Not retried.</summary>
    Failed,
}
