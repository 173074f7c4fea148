namespace Partnership.Notification.Domain;

public abstract record ConfirmationEmailCommand;

/// <summary>Decide to send the email. Only an empty stream yields the intent.</summary>
public sealed record IntendConfirmationEmail(string CustomerId, string Recipient, string Subject, string InviteLink, DateTimeOffset Now)
    : ConfirmationEmailCommand;

/// <summary>The SMTP server accepted the mail.</summary>
public sealed record RecordSent(DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The SMTP server could not be reached: nothing was handed over.</summary>
public sealed record RecordFailed(string Reason, DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The sender handed the mail over and lost the answer (SendAsync threw): the outcome is unknown at once.</summary>
public sealed record RecordSendInterrupted(string Reason, DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The sweeper: an intent older than <paramref name="UnknownAfter"/> has no outcome, so its sender died.</summary>
public sealed record RecordUnknown(DateTimeOffset Now, TimeSpan UnknownAfter) : ConfirmationEmailCommand;
