using Partnership.EventSourcing;

namespace Partnership.Notification.Domain;

public static class ConfirmationEmailEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<ConfirmationEmailIntended>("notification.confirmation-email-intended.v1")
        .Map<ConfirmationEmailHandingOver>("notification.confirmation-email-handing-over.v1")
        .Map<ConfirmationEmailDeferred>("notification.confirmation-email-deferred.v1")
        .Map<ConfirmationEmailSent>("notification.confirmation-email-sent.v1")
        .Map<ConfirmationEmailDeliveryUnknown>("notification.confirmation-email-delivery-unknown.v1")
        .Map<ConfirmationEmailFailed>("notification.confirmation-email-failed.v1");
}
