using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Notification.Domain;

namespace Partnership.Notification.Delivering.Reading;

public sealed class DeliveryViewProjector(IServiceProvider services) : ViewProjector<DeliveryView>(services)
{
    public override string SubscriptionName => "confirmation-email-deliveries";

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        ConfirmationEmailIntended or ConfirmationEmailHandingOver or ConfirmationEmailDeferred or ConfirmationEmailSent or ConfirmationEmailDeliveryUnknown
            or ConfirmationEmailFailed => ConfirmationEmailIds.KeyOf(recorded.StreamId),
        _ => null,
    };

    protected override DeliveryView? Apply(DeliveryView? view, RecordedEvent recorded)
    {
        if (recorded.Data is ConfirmationEmailIntended intended)
            return new DeliveryView
            {
                CustomerId = intended.CustomerId, Recipient = intended.Recipient, Subject = intended.Subject,
                State = DeliveryState.Intended, IntendedAt = intended.At, Invitation = Math.Max(1, intended.Invitation), Version = recorded.StreamVersion,
            };
        if (view is null) return null;
        view.Version = recorded.StreamVersion;
        switch (recorded.Data)
        {
            case ConfirmationEmailHandingOver e: view.State = DeliveryState.Sending; view.HandedOverAt = e.At; view.NextAttemptAt = null; break;
            case ConfirmationEmailDeferred e:
                view.State = DeliveryState.Retrying; view.Attempts = e.Attempt; view.Reason = e.Reason; view.NextAttemptAt = e.NextAttemptAt;
                view.HandedOverAt = null;
                break;
            case ConfirmationEmailSent e: view.State = DeliveryState.Sent; view.OutcomeAt = e.At; break;
            case ConfirmationEmailDeliveryUnknown e: view.State = DeliveryState.Unknown; view.OutcomeAt = e.At; view.Reason = e.Reason; break;
            case ConfirmationEmailFailed e: view.State = DeliveryState.Failed; view.OutcomeAt = e.At; view.Reason = e.Reason; view.NextAttemptAt = null; break;
        }
        return view;
    }
}
