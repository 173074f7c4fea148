using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

/// <summary>The SMTP server accepted the confirmation email.</summary>
[EntityName("partnership.confirmation-email-sent.v1")]
public sealed record ConfirmationEmailSent(string CustomerId, string Recipient, string Subject, DateTimeOffset OccurredAt);

/// <summary>The mail was handed to the SMTP server and its answer was lost (the exchange broke, or the sender died). The email is not resent.</summary>
[EntityName("partnership.confirmation-email-delivery-unknown.v1")]
public sealed record ConfirmationEmailDeliveryUnknown(string CustomerId, string Recipient, DateTimeOffset IntendedAt,
    DateTimeOffset OccurredAt);

/// <summary>The mail certainly did not go: the SMTP server refused it for good (5xx), or it could not be delivered before retries ran out.</summary>
[EntityName("partnership.confirmation-email-failed.v1")]
public sealed record ConfirmationEmailFailed(string CustomerId, string Recipient, string Reason, DateTimeOffset OccurredAt);
