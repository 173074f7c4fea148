namespace Partnership.Notification.Domain;

// Domain events of the confirmation-email stream. Stored names carry a version (see
// ConfirmationEmailEventTypes); a change adds a V2 record beside these, never edits them.
// The outcome events repeat who the email was for, so each event alone says what to publish.

/// <summary>The send was decided. Written once, with "no stream" expected: the stream then holds the one email.</summary>
/// <param name="Invitation">Which invitation of the customer this email is for; absent (so 1) in intents from before reinvitations.</param>
public sealed record ConfirmationEmailIntended(string CustomerId, string Recipient, string Subject, string InviteLink, DateTimeOffset At,
    int Invitation = 1);

/// <summary>
/// A sender with a connected SMTP client is about to hand the mail over (MAIL FROM, RCPT TO, DATA). Appended at the
/// stream's expected version, so only one sender owns each attempt; only a stream whose last attempt has this event and
/// no answer may end UNKNOWN.
/// </summary>
public sealed record ConfirmationEmailHandingOver(string CustomerId, int Attempt, string Sender, DateTimeOffset At);

/// <summary>An attempt certainly did not deliver the mail (refused, timed out before DATA, 4xx): tried again at <paramref name="NextAttemptAt"/>.</summary>
public sealed record ConfirmationEmailDeferred(string CustomerId, string Recipient, int Attempt, string Reason, DateTimeOffset NextAttemptAt,
    DateTimeOffset At);

/// <summary>The SMTP server accepted the mail.</summary>
public sealed record ConfirmationEmailSent(string CustomerId, string Recipient, string Subject, DateTimeOffset At);

/// <summary>The mail was handed over but no answer came, or the sender died before it came: never resent.</summary>
public sealed record ConfirmationEmailDeliveryUnknown(string CustomerId, string Recipient, DateTimeOffset IntendedAt, string Reason,
    DateTimeOffset At);

/// <summary>The mail certainly did not go: the server rejected it for good (5xx), or retries ran out. Not retried.</summary>
public sealed record ConfirmationEmailFailed(string CustomerId, string Recipient, string Reason, DateTimeOffset At);
