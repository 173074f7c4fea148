using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

/// <summary>The SMTP server accepted the confirmation email.</summary>
[EntityName("partnership.confirmation-email-sent.v1")]
public sealed record ConfirmationEmailSent(string CustomerId, string Recipient, string Subject, DateTimeOffset OccurredAt);

/// <summary>The sender died between deciding to send and the SMTP server's answer. The email is not resent.</summary>
[EntityName("partnership.confirmation-email-delivery-unknown.v1")]
public sealed record ConfirmationEmailDeliveryUnknown(string CustomerId, string Recipient, DateTimeOffset IntendedAt,
    DateTimeOffset OccurredAt);

/// <summary>The SMTP server could not be reached after retries; the mail certainly did not go.</summary>
[EntityName("partnership.confirmation-email-failed.v1")]
public sealed record ConfirmationEmailFailed(string CustomerId, string Recipient, string Reason, DateTimeOffset OccurredAt);
