using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Partnership.EventSourcing;
using Partnership.Notification.Domain;
using Partnership.Notification.Smtp;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>What became of one <see cref="SendConfirmationEmailHandler.Handle"/> or <see cref="SendConfirmationEmailHandler.Resume"/> call.</summary>
public enum SendAttempt
{
    /// <summary>Another delivery of the message, another instance or the resumer owns it, or nothing is due: nothing was sent here.</summary>
    AlreadyDecided,
    Sent,
    Unknown,
    Failed,
    /// <summary>This attempt certainly did not deliver; the next one is scheduled.</summary>
    Retrying,
}

/// <summary>
/// Sends the confirmation email at most once. The intent is appended to an empty stream ("no stream" expected), together
/// with its first attempt's hand-over (or that attempt's outcome when it ended before one): the stream is then the one
/// email. Each attempt is owned by the sender whose hand-over append (at the version it read) wins, made inside the SMTP
/// transaction once the server accepted the recipient and before DATA; the others stop. The server's acceptance goes to
/// the <see cref="AcceptedMailJournal"/> at once, then the outcome is appended. A retry that is due, and an intent whose
/// sender stopped before the hand-over (stored so by builds that appended the intent alone first), are taken up by
/// <see cref="Resume"/>; a hand-over whose sender died is marked UNKNOWN by the sweeper and never resent.
/// </summary>
public sealed class SendConfirmationEmailHandler(IEventStore store, SmtpEmailSender smtp, IOptions<PortalOptions> portal,
    IOptions<NotificationOptions> options, AcceptedMailJournal journal, TimeProvider clock, ILogger<SendConfirmationEmailHandler> logger)
{
    /// <summary>Names this process in hand-over events, so operators can tell which instance held a mail.</summary>
    public static readonly string SenderName = $"{Environment.MachineName}/{Environment.ProcessId}";

    // A store that is briefly away must not turn a known outcome into an unknown one; a conflict is final.
    private static readonly ResiliencePipeline OutcomeAppend = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not WrongExpectedVersionException and not OperationCanceledException),
        })
        .Build();

    /// <summary>The first invitation's email (CustomerProvisioned).</summary>
    public Task<SendAttempt> Handle(string customerId, string recipient, string inviteLink, CancellationToken ct) =>
        Handle(customerId, 1, recipient, inviteLink, ct);

    /// <summary>A CustomerProvisioned or CustomerReinvited message: decide the invitation's email (once), then make its first attempt.</summary>
    public async Task<SendAttempt> Handle(string customerId, int invitation, string recipient, string inviteLink, CancellationToken ct)
    {
        var streamId = ConfirmationEmailIds.Stream(customerId, invitation);
        // Nearly every message is the first for its email: the intent is decided on the empty stream, without reading the
        // stream first, and appended with the first attempt's hand-over (or, when that attempt ends before one, its
        // outcome) with "no stream" expected: one commit where there were two, and the same events. A stream that exists
        // refuses that append before anything is handed over (GroupCommitTests), and is read then.
        var intent = ConfirmationEmail.Decide(new IntendConfirmationEmail(customerId, recipient,
            ConfirmationEmailContent.Subject(portal.Value.CloudName), inviteLink, clock.GetUtcNow(), invitation), ConfirmationEmail.Initial);
        if (intent.Count > 0)
        {
            var first = await Attempt(streamId, intent.Fold(ConfirmationEmail.Initial, ConfirmationEmail.Evolve), 0, intent);
            // Lost to a redelivery, a duplicate or another instance that decided it first; what it did is read below.
            if (first != SendAttempt.AlreadyDecided) return first;
        }
        var (state, version) = await Load(streamId, ct);
        if (state.State != DeliveryState.Intended)
        {
            // Sent, in flight, decided, or retrying on its own schedule (the resumer takes it when due).
            logger.LogInformation("The confirmation email for {CustomerId} was already decided ({State}); not sending again", customerId, state.State);
            return SendAttempt.AlreadyDecided;
        }
        // An intent found here was never handed over (its sender stopped, or its commit was acknowledged only after the
        // sender gave up, or it is being handed over right now): this delivery may take it; the hand-over append at the
        // version read decides who sends.
        return await Attempt(streamId, state, version, []);
    }

    /// <summary>The resumer: take the next attempt of an email that is not in flight, if it is due.</summary>
    public async Task<SendAttempt> Resume(string emailKey, CancellationToken ct)
    {
        var streamId = ConfirmationEmailIds.StreamOfKey(emailKey);
        var (state, version) = await Load(streamId, ct);
        if (!ConfirmationEmail.IsDue(state, clock.GetUtcNow())) return SendAttempt.AlreadyDecided;
        return await Attempt(streamId, state, version, []);
    }

    private async Task<(ConfirmationEmail State, long Version)> Load(string streamId, CancellationToken ct)
    {
        var stream = await store.ReadStream(streamId, ct);
        return (stream.Events.Select(e => e.Data).Fold(ConfirmationEmail.Initial, ConfirmationEmail.Evolve), stream.Version);
    }

    // From here on the attempt is not cut short by the caller's cancellation (the SMTP timeouts bound it), so its
    // outcome gets recorded whenever it can be. The stream is at version; state also holds the events decided but not
    // appended yet (the intent), which go with the attempt's first append, whichever it is.
    private async Task<SendAttempt> Attempt(string streamId, ConfirmationEmail state, long version, IReadOnlyList<object> unrecorded)
    {
        MimeKit.MimeMessage message;
        try
        {
            message = ConfirmationEmailMessage.Compose(options.Value.From, portal.Value.CloudName, state);
        }
        catch (Exception e)
        {
            // Nothing reached the server, and no later attempt could compose it either.
            return await Record(streamId, state, version, unrecorded,
                new RecordFailed($"The email could not be composed for '{state.Recipient}': {e.Message}", clock.GetUtcNow()), SendAttempt.Failed);
        }

        var handedOver = state;
        var result = await smtp.Send(message, async token =>
        {
            var events = ConfirmationEmail.Decide(new HandOver(SenderName, clock.GetUtcNow()), state);
            if (events.Count == 0) return false;
            try
            {
                await store.AppendToStream(streamId, At(version), [.. unrecorded, .. events], token);
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
            handedOver = events.Fold(state, ConfirmationEmail.Evolve);
            return true;
        }, () => Journal(streamId, state.Attempts + 1, clock.GetUtcNow()), CancellationToken.None);

        if (result.Status == SmtpSendStatus.Skipped)
        {
            logger.LogInformation("Another sender took the confirmation email for {CustomerId} first; not sending", state.CustomerId);
            return SendAttempt.AlreadyDecided;
        }
        var (current, expected, pending) = result.HandedOver ? (handedOver, version + unrecorded.Count + 1, []) : (state, version, unrecorded);
        var now = clock.GetUtcNow();
        return result.Status switch
        {
            SmtpSendStatus.Sent => await Record(streamId, current, expected, pending, new RecordSent(now), SendAttempt.Sent),
            SmtpSendStatus.Rejected => await Record(streamId, current, expected, pending, new RecordFailed(result.Detail, now), SendAttempt.Failed),
            SmtpSendStatus.NotSent => await Record(streamId, current, expected, pending, new RecordNotSent(result.Detail, now, options.Value.Retry),
                SendAttempt.Retrying),
            _ => await Record(streamId, current, expected, pending, new RecordSendInterrupted(result.Detail, now), SendAttempt.Unknown),
        };
    }

    private static ExpectedVersion At(long version) => version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);

    // First thing after the server's 250: should this process die before the outcome's commit, the sweeper finds it here.
    private void Journal(string streamId, int attempt, DateTimeOffset at)
    {
        try
        {
            journal.Accepted(ConfirmationEmailIds.KeyOf(streamId), attempt, at);
        }
        catch (Exception e)
        {
            // The commit below still records the outcome; only a crash before it would now end UNKNOWN.
            logger.LogWarning(e, "Could not note the accepted mail for {StreamId} in the journal", streamId);
        }
    }

    private async Task<SendAttempt> Record(string streamId, ConfirmationEmail state, long expected, IReadOnlyList<object> unrecorded,
        ConfirmationEmailCommand outcome, SendAttempt attempt)
    {
        var events = ConfirmationEmail.Decide(outcome, state);
        if (events.Count == 0) return attempt;
        try
        {
            await OutcomeAppend.ExecuteAsync(async token =>
                await store.AppendToStream(streamId, At(expected), [.. unrecorded, .. events], token), CancellationToken.None);
        }
        catch (WrongExpectedVersionException) when (unrecorded.Count > 0)
        {
            // Another delivery decided this email first, and this attempt handed nothing over: it is that one's.
            return SendAttempt.AlreadyDecided;
        }
        catch (WrongExpectedVersionException)
        {
            // After a hand-over only the sweeper writes besides its sender (it took longer than UnknownAfter); before
            // one, another sender that could not connect either recorded the same.
            logger.LogWarning("The confirmation email for {CustomerId} ended {Outcome}, but its stream had moved on meanwhile",
                state.CustomerId, attempt);
            return attempt;
        }
        NotificationMetrics.Count(events);
        // Retries running out end the email as failed, not retrying.
        if (events[^1] is ConfirmationEmailFailed) attempt = SendAttempt.Failed;
        logger.LogInformation("Confirmation email for {CustomerId} to {Recipient}: {Outcome}", state.CustomerId, state.Recipient, attempt);
        return attempt;
    }
}
