using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Partnership.Notification.Smtp;

/// <summary>
/// Sends one message with MailKit over a pooled connection and says what became of it, telling "certainly not sent"
/// from "may have been sent". Getting a connected client (TCP, greeting, EHLO: nothing handed over) is retried here
/// with short backoff. Then the caller records the hand-over; only if that append wins does the transaction start.
/// A failure before any recipient is accepted, or any 4xx/5xx reply, certainly did not deliver; a broken exchange
/// after a recipient was accepted may have, and is reported unknown.
/// </summary>
public sealed class SmtpEmailSender : IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly ILogger<SmtpEmailSender> _logger;
    private readonly ResiliencePipeline _connect;
    private readonly SmtpConnectionPool _pool;
    private int _inFlight;

    public SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger)
    {
        _options = options.Value;
        _logger = logger;
        _pool = new SmtpConnectionPool(_options);
        NotificationMetrics.ObserveInFlight(() => InFlight);
        _connect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, _options.ConnectAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.ConnectBackoff,
                UseJitter = false,
                // Past the deadline there is no attempt left to make.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                OnRetry = args =>
                {
                    _logger.LogWarning(args.Outcome.Exception, "Could not reach the SMTP server at {Host}:{Port} (attempt {Attempt}); retrying in {Delay}",
                        _options.Host, _options.Port, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public SmtpOptions Options => _options;

    /// <summary>How the last attempt to reach the SMTP server went: what the health check reports.</summary>
    public SmtpReachability Reachability { get; } = new();

    /// <summary>SMTP transactions open in this process right now (handed over, no answer yet).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Connects (or re-uses a connection), then calls <paramref name="handOver"/>; when it returns true the mail is
    /// handed over. <paramref name="handOver"/> failing with an exception sends nothing and lets it through.
    /// </summary>
    public async Task<SmtpSendResult> Send(MimeMessage message, Func<CancellationToken, Task<bool>> handOver, CancellationToken ct)
    {
        var rented = await Rent(ct);
        if (rented.Failure is { } failure) return failure;
        var (client, reused) = (rented.Client!, rented.Reused);

        bool owned;
        try
        {
            owned = await handOver(ct);
        }
        catch
        {
            _pool.Return(client);
            throw;
        }
        if (!owned)
        {
            _pool.Return(client);
            return SmtpSendResult.Skipped;
        }

        Interlocked.Increment(ref _inFlight);
        // Once handed over, the attempt ends within the timeout whatever it takes, so the sweeper (UnknownAfter, which
        // is longer) never marks a mail unknown while its sender is still at work.
        using var deadline = new CancellationTokenSource(_options.Timeout);
        try
        {
            var (result, staleConnection) = await Transfer(client, message, deadline.Token);
            if (!staleConnection || !reused) return result;
            // The server had closed the idle connection before MAIL FROM: nothing went, so a fresh one carries this attempt.
            _logger.LogDebug("A re-used SMTP connection was closed by the server ({Reason}); connecting afresh", result.Detail);
            var fresh = await Rent(deadline.Token);
            if (fresh.Failure is { } notReached) return notReached with { HandedOver = true };
            return (await Transfer(fresh.Client!, message, deadline.Token)).Result;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<(TrackingSmtpClient? Client, bool Reused, SmtpSendResult? Failure)> Rent(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            var (client, reused) = await _pool.Rent(
                token => _connect.ExecuteAsync(static (options, t) => SmtpConnectionPool.Connect(options, t), _options, token), deadline.Token);
            Reachability.Reached();
            return (client, reused, null);
        }
        catch (Exception e)
        {
            var reason = $"Could not reach the SMTP server at {_options.Host}:{_options.Port}: {Describe(e, deadline.IsCancellationRequested)}";
            Reachability.Missed(reason);
            _logger.LogWarning(e, "Not sent: {Reason}", reason);
            return (null, false, SmtpSendResult.NotSent(reason, handedOver: false));
        }
    }

    /// <returns>The result, and whether the connection was found closed before anything was sent (worth one fresh try).</returns>
    private async Task<(SmtpSendResult Result, bool StaleConnection)> Transfer(TrackingSmtpClient client, MimeMessage message,
        CancellationToken deadline)
    {
        client.BeginTransaction();
        try
        {
            var response = await client.SendAsync(message, deadline);
            client.MessagesSent++;
            _pool.Return(client);
            return (SmtpSendResult.Sent(response), false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 400)
        {
            // The server answered MAIL FROM, RCPT TO or the message with an error: it did not take the mail.
            _pool.Discard(client);
            var reply = $"The SMTP server answered {(int)e.StatusCode} ({e.ErrorCode}): {e.Message}";
            if ((int)e.StatusCode >= 500)
            {
                _logger.LogError("Refused for good: {Reply}", reply);
                return (SmtpSendResult.Rejected(reply), false);
            }
            _logger.LogWarning("Refused for now: {Reply}", reply);
            return (SmtpSendResult.NotSent(reply, handedOver: true), false);
        }
        catch (Exception e) when (!client.RecipientAccepted)
        {
            var timedOut = deadline.IsCancellationRequested;
            var stale = client.MessagesSent > 0 && !timedOut && e is not OperationCanceledException;
            _pool.Discard(client);
            var reason = $"The SMTP exchange broke before any recipient was accepted (nothing handed over): {Describe(e, timedOut)}";
            _logger.LogWarning(e, "Not sent: {Reason}", reason);
            return (SmtpSendResult.NotSent(reason, handedOver: true), stale);
        }
        catch (Exception e)
        {
            var timedOut = deadline.IsCancellationRequested;
            _pool.Discard(client);
            var reason = $"The SMTP exchange broke while the mail was handed over: {Describe(e, timedOut)}";
            _logger.LogError(e, "Delivery unknown: {Reason}", reason);
            return (SmtpSendResult.Unknown(reason), false);
        }
    }

    private string Describe(Exception e, bool timedOut) =>
        timedOut && e is OperationCanceledException
            ? $"no answer within {_options.Timeout}"
            : $"{e.GetType().Name}: {e.Message}";

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
