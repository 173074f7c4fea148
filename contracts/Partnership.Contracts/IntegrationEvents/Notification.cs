using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

// .NET names end in IntegrationEvent, unlike the domain events of the same facts; [MessageUrn] keeps the messageType
// they were published with before (no suffix), which MassTransit subscribers match on: the wire names are unchanged.

/// <summary>The SMTP server accepted the confirmation email.</summary>
[EntityName("partnership.confirmation-email-sent.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:ConfirmationEmailSent")]
public sealed record ConfirmationEmailSentIntegrationEvent(string CustomerId, string Recipient, string Subject, DateTimeOffset OccurredAt);

/// <summary>The mail was handed to the SMTP server and its answer was lost (the exchange broke, or the sender died). The email is not resent.</summary>
[EntityName("partnership.confirmation-email-delivery-unknown.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:ConfirmationEmailDeliveryUnknown")]
public sealed record ConfirmationEmailDeliveryUnknownIntegrationEvent(string CustomerId, string Recipient, DateTimeOffset IntendedAt,
    DateTimeOffset OccurredAt);

/// <summary>The mail certainly did not go: the SMTP server refused it for good (5xx), or it could not be delivered before retries ran out.</summary>
[EntityName("partnership.confirmation-email-failed.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:ConfirmationEmailFailed")]
public sealed record ConfirmationEmailFailedIntegrationEvent(string CustomerId, string Recipient, string Reason, DateTimeOffset OccurredAt);
