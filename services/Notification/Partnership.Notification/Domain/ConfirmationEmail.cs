using Partnership.EventSourcing;

namespace Partnership.Notification.Domain;

/// <summary>
/// One customer's confirmation email: state folded from its stream, and the decisions about it. The email is sent at
/// most once: only the intent opens the stream, each attempt is owned by the one sender whose hand-over append won,
/// and every outcome closes the stream for good. Only an attempt that was handed over may end UNKNOWN; one that
/// certainly did not deliver is retried until <see cref="RetryPolicy.RetryFor"/> runs out.
/// </summary>
/// <param name="Attempts">Attempts that certainly did not deliver so far.</param>
public sealed record ConfirmationEmail(
    string CustomerId,
    string Recipient,
    string Subject,
    string InviteLink,
    DeliveryState State,
    DateTimeOffset? IntendedAt,
    DateTimeOffset? OutcomeAt,
    string? Reason,
    int Attempts = 0,
    DateTimeOffset? HandedOverAt = null,
    DateTimeOffset? NextAttemptAt = null) : IDecider<ConfirmationEmail, ConfirmationEmailCommand>
{
    public static ConfirmationEmail Initial { get; } = new("", "", "", "", DeliveryState.None, null, null, null);

    public bool Exists => State != DeliveryState.None;

    /// <summary>Nothing is in flight and no outcome is recorded: a sender may take the next attempt (when it is due).</summary>
    public bool AwaitsAttempt => State is DeliveryState.Intended or DeliveryState.Retrying;

    public static ConfirmationEmail Evolve(ConfirmationEmail state, object @event) => @event switch
    {
        ConfirmationEmailIntended e => state with
        {
            CustomerId = e.CustomerId, Recipient = e.Recipient, Subject = e.Subject, InviteLink = e.InviteLink,
            State = DeliveryState.Intended, IntendedAt = e.At,
        },
        ConfirmationEmailHandingOver e => state with { State = DeliveryState.Sending, HandedOverAt = e.At, NextAttemptAt = null },
        ConfirmationEmailDeferred e => state with
        {
            State = DeliveryState.Retrying, Attempts = e.Attempt, Reason = e.Reason, NextAttemptAt = e.NextAttemptAt, HandedOverAt = null,
        },
        ConfirmationEmailSent e => state with { State = DeliveryState.Sent, OutcomeAt = e.At, NextAttemptAt = null },
        ConfirmationEmailDeliveryUnknown e => state with { State = DeliveryState.Unknown, OutcomeAt = e.At, Reason = e.Reason },
        ConfirmationEmailFailed e => state with { State = DeliveryState.Failed, OutcomeAt = e.At, Reason = e.Reason, NextAttemptAt = null },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(ConfirmationEmailCommand command, ConfirmationEmail state) => command switch
    {
        // A second intent (a redelivery, a duplicate, another instance) decides nothing: the stream already holds the email.
        IntendConfirmationEmail c => state.Exists
            ? []
            : [new ConfirmationEmailIntended(c.CustomerId, c.Recipient, c.Subject, c.InviteLink, c.Now, c.Invitation)],
        HandOver c => !IsDue(state, c.Now)
            ? []
            : [new ConfirmationEmailHandingOver(state.CustomerId, state.Attempts + 1, c.Sender, c.Now)],
        RecordSent c => state.State != DeliveryState.Sending
            ? []
            : [new ConfirmationEmailSent(state.CustomerId, state.Recipient, state.Subject, c.Now)],
        // Only for the attempt in flight: a journal line of another attempt says nothing about this one.
        RecordAcceptedBeforeStop c => state.State != DeliveryState.Sending || c.Attempt != state.Attempts + 1
            ? []
            : [new ConfirmationEmailSent(state.CustomerId, state.Recipient, state.Subject, c.AcceptedAt)],
        RecordFailed c => !IsOpen(state)
            ? []
            : [new ConfirmationEmailFailed(state.CustomerId, state.Recipient, c.Reason, c.Now)],
        RecordNotSent c => !IsOpen(state) ? [] : NotSent(state, c),
        RecordSendInterrupted c => state.State != DeliveryState.Sending
            ? []
            : [new ConfirmationEmailDeliveryUnknown(state.CustomerId, state.Recipient, state.IntendedAt!.Value, c.Reason, c.Now)],
        RecordUnknown c => state.State != DeliveryState.Sending || !IsStale(state.HandedOverAt!.Value, c.Now, c.UnknownAfter)
            ? []
            : [new ConfirmationEmailDeliveryUnknown(state.CustomerId, state.Recipient, state.IntendedAt!.Value, SweptReason(c.UnknownAfter), c.Now)],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    /// <summary>An intent not yet tried, or a retry whose time has come.</summary>
    public static bool IsDue(ConfirmationEmail state, DateTimeOffset now) =>
        state.State == DeliveryState.Intended || (state.State == DeliveryState.Retrying && state.NextAttemptAt <= now);

    private static bool IsOpen(ConfirmationEmail state) => state.State is DeliveryState.Intended or DeliveryState.Sending or DeliveryState.Retrying;

    private static IReadOnlyList<object> NotSent(ConfirmationEmail state, RecordNotSent c)
    {
        var attempt = state.Attempts + 1;
        if (c.Now - state.IntendedAt!.Value >= c.Retry.RetryFor)
            return [new ConfirmationEmailFailed(state.CustomerId, state.Recipient, GaveUpReason(attempt, c.Retry.RetryFor, c.Reason), c.Now)];
        return [new ConfirmationEmailDeferred(state.CustomerId, state.Recipient, attempt, c.Reason, c.Now + c.Retry.DelayAfter(attempt), c.Now)];
    }

    /// <summary>A hand-over with no outcome after this long had a sender that died: its SMTP timeout is shorter.</summary>
    public static bool IsStale(DateTimeOffset handedOverAt, DateTimeOffset now, TimeSpan unknownAfter) => now - handedOverAt > unknownAfter;

    public static string SweptReason(TimeSpan unknownAfter) =>
        $"No outcome was recorded within {unknownAfter} of handing the mail to the SMTP server: the sender stopped before the server's answer.";

    public static string GaveUpReason(int attempts, TimeSpan retryFor, string lastReason) =>
        $"Not delivered after {attempts} attempts over {retryFor}; the last: {lastReason}";
}
