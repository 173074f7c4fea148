using JasperFx.Events;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

public sealed class DeliveryViewProjection() : StreamViewProjection<DeliveryView>("confirmation-email-deliveries", ConfirmationEmailIds.KeyOf,
    typeof(ConfirmationEmailIntended), typeof(ConfirmationEmailHandingOver), typeof(ConfirmationEmailDeferred), typeof(ConfirmationEmailSent),
    typeof(ConfirmationEmailDeliveryUnknown), typeof(ConfirmationEmailFailed))
{
    public override DeliveryView? Evolve(DeliveryView? view, string id, IEvent e)
    {
        if (e.Data is ConfirmationEmailIntended intended)
            return new DeliveryView
            {
                Id = id, CustomerId = intended.CustomerId, Recipient = intended.Recipient, Subject = intended.Subject,
                State = DeliveryState.Intended, IntendedAt = intended.At, Invitation = Math.Max(1, intended.Invitation), Version = e.Version,
            };
        if (view is null) return null;
        view.Version = e.Version;
        switch (e.Data)
        {
            case ConfirmationEmailHandingOver h: view.State = DeliveryState.Sending; view.HandedOverAt = h.At; view.NextAttemptAt = null; break;
            case ConfirmationEmailDeferred d:
                view.State = DeliveryState.Retrying; view.Attempts = d.Attempt; view.Reason = d.Reason; view.NextAttemptAt = d.NextAttemptAt;
                view.HandedOverAt = null;
                break;
            case ConfirmationEmailSent s: view.State = DeliveryState.Sent; view.OutcomeAt = s.At; break;
            case ConfirmationEmailDeliveryUnknown u: view.State = DeliveryState.Unknown; view.OutcomeAt = u.At; view.Reason = u.Reason; break;
            case ConfirmationEmailFailed f: view.State = DeliveryState.Failed; view.OutcomeAt = f.At; view.Reason = f.Reason; view.NextAttemptAt = null; break;
        }
        return view;
    }
}
