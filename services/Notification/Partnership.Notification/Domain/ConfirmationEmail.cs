using Partnership.EventSourcing;

namespace Partnership.Notification.Domain;

/// <summary>
/// One customer's confirmation email: state folded from its stream, and the decisions about it. The email
/// is sent at most once: only the intent opens the stream, and every outcome closes it for good.
/// </summary>
public sealed record ConfirmationEmail(
    string CustomerId,
    string Recipient,
    string Subject,
    string InviteLink,
    DeliveryState State,
    DateTimeOffset? IntendedAt,
    DateTimeOffset? OutcomeAt,
    string? Reason) : IDecider<ConfirmationEmail, ConfirmationEmailCommand>
{
    public static ConfirmationEmail Initial { get; } = new("", "", "", "", DeliveryState.None, null, null, null);

    public bool Exists => State != DeliveryState.None;

    public static ConfirmationEmail Evolve(ConfirmationEmail state, object @event) => @event switch
    {
        ConfirmationEmailIntended e => state with
        {
            CustomerId = e.CustomerId, Recipient = e.Recipient, Subject = e.Subject, InviteLink = e.InviteLink,
            State = DeliveryState.Intended, IntendedAt = e.At,
        },
        ConfirmationEmailSent e => state with { State = DeliveryState.Sent, OutcomeAt = e.At },
        ConfirmationEmailDeliveryUnknown e => state with { State = DeliveryState.Unknown, OutcomeAt = e.At, Reason = e.Reason },
        ConfirmationEmailFailed e => state with { State = DeliveryState.Failed, OutcomeAt = e.At, Reason = e.Reason },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(ConfirmationEmailCommand command, ConfirmationEmail state) => command switch
    {
        // A second intent (a redelivery, a duplicate, another instance) decides nothing: the first one sends.
        IntendConfirmationEmail c => state.Exists
            ? []
            : [new ConfirmationEmailIntended(c.CustomerId, c.Recipient, c.Subject, c.InviteLink, c.Now)],
        RecordSent c => state.State != DeliveryState.Intended
            ? []
            : [new ConfirmationEmailSent(state.CustomerId, state.Recipient, state.Subject, c.Now)],
        RecordFailed c => state.State != DeliveryState.Intended
            ? []
            : [new ConfirmationEmailFailed(state.CustomerId, state.Recipient, c.Reason, c.Now)],
        RecordSendInterrupted c => state.State != DeliveryState.Intended
            ? []
            : [new ConfirmationEmailDeliveryUnknown(state.CustomerId, state.Recipient, state.IntendedAt!.Value, c.Reason, c.Now)],
        RecordUnknown c => state.State != DeliveryState.Intended || !IsStale(state.IntendedAt!.Value, c.Now, c.UnknownAfter)
            ? []
            : [new ConfirmationEmailDeliveryUnknown(state.CustomerId, state.Recipient, state.IntendedAt!.Value, SweptReason(c.UnknownAfter), c.Now)],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    /// <summary>An intent with no outcome after this long had a sender that died: its SMTP timeout is shorter.</summary>
    public static bool IsStale(DateTimeOffset intendedAt, DateTimeOffset now, TimeSpan unknownAfter) => now - intendedAt > unknownAfter;

    public static string SweptReason(TimeSpan unknownAfter) =>
        $"No outcome was recorded within {unknownAfter}: the sender stopped between the intent and the SMTP server's answer.";
}
