using Google.Protobuf.WellKnownTypes;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Reading;
using Partnership.Notification.Domain;
using Proto = Partnership.Contracts.Notification.V1;

namespace Partnership.Notification.Api;

internal static class DeliveryMapping
{
    public static Proto.Delivery ToProto(DeliveryView v) => new()
    {
        CustomerId = v.CustomerId, Recipient = v.Recipient, Subject = v.Subject, State = ToProto(v.State),
        IntentTime = Timestamp.FromDateTimeOffset(v.IntendedAt),
        OutcomeTime = v.OutcomeAt is { } o ? Timestamp.FromDateTimeOffset(o) : null,
        Reason = v.Reason ?? "",
        FailedAttempts = v.Attempts,
        NextAttemptTime = v.State == DeliveryState.Retrying && v.NextAttemptAt is { } n ? Timestamp.FromDateTimeOffset(n) : null,
    };

    public static Proto.DeliveryState ToProto(DeliveryState s) => s switch
    {
        DeliveryState.Intended => Proto.DeliveryState.Intended,
        DeliveryState.Sending => Proto.DeliveryState.Sending,
        DeliveryState.Retrying => Proto.DeliveryState.Retrying,
        DeliveryState.Sent => Proto.DeliveryState.Sent,
        DeliveryState.Unknown => Proto.DeliveryState.Unknown,
        DeliveryState.Failed => Proto.DeliveryState.Failed,
        _ => Proto.DeliveryState.Unspecified,
    };

    public static DeliveryState? FromProto(Proto.DeliveryState s) => s switch
    {
        Proto.DeliveryState.Unspecified => null,
        Proto.DeliveryState.Intended => DeliveryState.Intended,
        Proto.DeliveryState.Sending => DeliveryState.Sending,
        Proto.DeliveryState.Retrying => DeliveryState.Retrying,
        Proto.DeliveryState.Sent => DeliveryState.Sent,
        Proto.DeliveryState.Unknown => DeliveryState.Unknown,
        Proto.DeliveryState.Failed => DeliveryState.Failed,
        _ => throw DomainException.Invalid("state", "is not a known delivery state."),
    };
}
