namespace Partnership.Notification.Domain;

// Domain events of the confirmation-email stream. Stored names carry a version (see
// ConfirmationEmailEventTypes); a change adds a V2 record beside these, never edits them.
// The outcome events repeat who the email was for, so each event alone says what to publish.

/// <summary>The send was decided. Written once, with "no stream" expected: whoever writes it is the only sender.</summary>
public sealed record ConfirmationEmailIntended(string CustomerId, string Recipient, string Subject, string InviteLink, DateTimeOffset At);

/// <summary>The SMTP server accepted the mail.</summary>
public sealed record ConfirmationEmailSent(string CustomerId, string Recipient, string Subject, DateTimeOffset At);

/// <summary>The mail was handed over but no answer came, or the sender died before it came: never resent.</summary>
public sealed record ConfirmationEmailDeliveryUnknown(string CustomerId, string Recipient, DateTimeOffset IntendedAt, string Reason,
    DateTimeOffset At);

/// <summary>The SMTP server could not be reached (after retries): the mail certainly did not go. Not retried.</summary>
public sealed record ConfirmationEmailFailed(string CustomerId, string Recipient, string Reason, DateTimeOffset At);
