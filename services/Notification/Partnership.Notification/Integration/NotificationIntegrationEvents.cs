using Partnership.EventSourcing;
using Partnership.Notification.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.Notification.Integration;

/// <summary>What the Notification service tells the world: each confirmation email's outcome.</summary>
public sealed class NotificationIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        ConfirmationEmailSent e => new ConfirmationEmailSentIntegrationEvent(e.CustomerId, e.Recipient, e.Subject, e.At),
        ConfirmationEmailDeliveryUnknown e => new ConfirmationEmailDeliveryUnknownIntegrationEvent(e.CustomerId, e.Recipient, e.IntendedAt, e.At),
        ConfirmationEmailFailed e => new ConfirmationEmailFailedIntegrationEvent(e.CustomerId, e.Recipient, e.Reason, e.At),
        _ => null,
    };
}
