namespace Partnership.Notification.Domain;

public abstract record ConfirmationEmailCommand;

/// <summary>Decide to send the email. Only an empty stream yields the intent.</summary>
public sealed record IntendConfirmationEmail(string CustomerId, string Recipient, string Subject, string InviteLink, DateTimeOffset Now,
    int Invitation = 1) : ConfirmationEmailCommand;

/// <summary>
/// A sender holding a connected SMTP client takes the next attempt: an intent not yet tried, or a retry that is due.
/// <paramref name="Sender"/> names the instance, for operators.
/// </summary>
public sealed record HandOver(string Sender, DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The SMTP server accepted the mail.</summary>
public sealed record RecordSent(DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The mail certainly did not go and never will: a permanent (5xx) rejection, or it could not be composed.</summary>
public sealed record RecordFailed(string Reason, DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>
/// This attempt certainly did not deliver (refused, timed out before DATA, 4xx): retry later under
/// <paramref name="Retry"/>, or give up as failed once its time is over.
/// </summary>
public sealed record RecordNotSent(string Reason, DateTimeOffset Now, RetryPolicy Retry) : ConfirmationEmailCommand;

/// <summary>The sender handed the mail over and lost the answer: the outcome is unknown at once.</summary>
public sealed record RecordSendInterrupted(string Reason, DateTimeOffset Now) : ConfirmationEmailCommand;

/// <summary>The sweeper: a hand-over older than <paramref name="UnknownAfter"/> has no outcome, so its sender died.</summary>
public sealed record RecordUnknown(DateTimeOffset Now, TimeSpan UnknownAfter) : ConfirmationEmailCommand;

/// <summary>
/// The sweeper, for a hand-over whose sender died: the accepted-mail journal shows the server accepted attempt
/// <paramref name="Attempt"/> at <paramref name="AcceptedAt"/>, before its outcome could be committed.
/// </summary>
public sealed record RecordAcceptedBeforeStop(int Attempt, DateTimeOffset AcceptedAt) : ConfirmationEmailCommand;
