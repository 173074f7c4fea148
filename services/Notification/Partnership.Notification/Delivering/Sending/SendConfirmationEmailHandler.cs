using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Partnership.EventSourcing;
using Partnership.Notification.Domain;
using Partnership.Notification.Smtp;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>What became of one <see cref="SendConfirmationEmailHandler.Handle"/> call.</summary>
public enum SendAttempt
{
    /// <summary>Another delivery of the message, or another instance, decided first: nothing was sent here.</summary>
    AlreadyDecided,
    Sent,
    Unknown,
    Failed,
}

/// <summary>
/// Sends the confirmation email at most once: first the intent is appended to an empty stream ("no stream"
/// expected). Only the caller whose append succeeded talks to the SMTP server; a redelivery, a duplicate or
/// a second instance finds the stream there and stops. The outcome is then appended at version 1. A sender
/// that dies in between leaves the intent alone, and the sweeper marks it UNKNOWN: it is never resent.
/// </summary>
public sealed class SendConfirmationEmailHandler(IEventStore store, SmtpEmailSender smtp, IOptions<PortalOptions> portal,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<SendConfirmationEmailHandler> logger)
{
    private const long IntendedVersion = 1;

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

    public async Task<SendAttempt> Handle(string customerId, string recipient, string inviteLink, CancellationToken ct)
    {
        var streamId = ConfirmationEmailIds.Stream(customerId);
        var existing = await store.ReadStream(streamId, ct);
        var state = existing.Events.Select(e => e.Data).Fold(ConfirmationEmail.Initial, ConfirmationEmail.Evolve);
        var intent = ConfirmationEmail.Decide(new IntendConfirmationEmail(customerId, recipient,
            ConfirmationEmailContent.Subject(portal.Value.CloudName), inviteLink, clock.GetUtcNow()), state);
        if (intent.Count == 0)
        {
            logger.LogInformation("The confirmation email for {CustomerId} was already decided ({State}); not sending again", customerId, state.State);
            return SendAttempt.AlreadyDecided;
        }
        try
        {
            await store.AppendToStream(streamId, ExpectedVersion.NoStream, intent, ct);
        }
        catch (WrongExpectedVersionException)
        {
            logger.LogInformation("Another delivery decided the confirmation email for {CustomerId} first; not sending", customerId);
            return SendAttempt.AlreadyDecided;
        }
        var intended = intent.Fold(state, ConfirmationEmail.Evolve);

        // From here on this caller alone owns the send: it is not cut short by the message's cancellation
        // (the SMTP timeout bounds it), so the outcome gets recorded whenever it can be.
        var result = await Send(intended);
        var now = clock.GetUtcNow();
        return result.Status switch
        {
            SmtpSendStatus.Sent => await Record(streamId, intended, new RecordSent(now), SendAttempt.Sent),
            SmtpSendStatus.NotSent => await Record(streamId, intended, new RecordFailed(result.Detail, now), SendAttempt.Failed),
            _ => await Record(streamId, intended, new RecordSendInterrupted(result.Detail, now), SendAttempt.Unknown),
        };
    }

    private async Task<SmtpSendResult> Send(ConfirmationEmail intended)
    {
        MimeKit.MimeMessage message;
        try
        {
            message = ConfirmationEmailMessage.Compose(options.Value.From, portal.Value.CloudName, intended);
        }
        catch (Exception e)
        {
            // Nothing reached the server: the mail certainly did not go.
            return SmtpSendResult.NotSent($"The email could not be composed for '{intended.Recipient}': {e.Message}");
        }
        return await smtp.Send(message, CancellationToken.None);
    }

    private async Task<SendAttempt> Record(string streamId, ConfirmationEmail intended, ConfirmationEmailCommand outcome, SendAttempt attempt)
    {
        var events = ConfirmationEmail.Decide(outcome, intended);
        try
        {
            await OutcomeAppend.ExecuteAsync(async token =>
                await store.AppendToStream(streamId, ExpectedVersion.Exactly(IntendedVersion), events, token), CancellationToken.None);
        }
        catch (WrongExpectedVersionException)
        {
            // Only the sweeper writes to an intended stream besides its sender: it took longer than UnknownAfter.
            logger.LogWarning("The confirmation email for {CustomerId} ended {Outcome}, but its delivery was already marked unknown",
                intended.CustomerId, attempt);
            return attempt;
        }
        NotificationMetrics.Count(events);
        logger.LogInformation("Confirmation email for {CustomerId} to {Recipient}: {Outcome}", intended.CustomerId, intended.Recipient, attempt);
        return attempt;
    }
}
