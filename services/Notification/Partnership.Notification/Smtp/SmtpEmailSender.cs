using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;
using System.Runtime.ExceptionServices;

namespace Partnership.Notification.Smtp;

/// <summary>
/// Sends one message with MailKit over a pooled connection and says what became of it, telling "certainly not sent"
/// from "may have been sent". Getting a connected client (TCP, greeting, EHLO: nothing handed over) is retried here
/// with short backoff. The caller records the hand-over once the server accepted the recipient (MAIL FROM and RCPT TO
/// carry no mail); only if that append wins does DATA follow. A failure before the hand-over, or any 4xx/5xx reply,
/// certainly did not deliver; a broken exchange after it may have, and is reported unknown.
/// </summary>
public sealed class SmtpEmailSender : IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly ILogger<SmtpEmailSender> _logger;
    private readonly ResiliencePipeline _connect;
    private readonly SmtpConnectionPool _pool;
    private readonly SmtpThreads _threads;
    private int _inFlight;

    public SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger)
    {
        _options = options.Value;
        _logger = logger;
        _pool = new SmtpConnectionPool(_options);
        _threads = new SmtpThreads(_options.Connections);
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
    /// Connects (or re-uses a connection) and starts the transaction; once the server accepted the recipient, calls
    /// <paramref name="handOver"/>, and only when it returns true sends the mail (DATA). <paramref name="handOver"/>
    /// failing with an exception sends nothing and lets it through. <paramref name="accepted"/> runs the moment the
    /// server has accepted the mail, on the thread that read its answer, before anything else.
    /// </summary>
    public async Task<SmtpSendResult> Send(MimeMessage message, Func<CancellationToken, Task<bool>> handOver, Action accepted, CancellationToken ct)
    {
        var rented = await Rent(ct);
        if (rented.Failure is { } failure) return failure;
        // The attempt ends within the timeout whatever it takes, so the sweeper (UnknownAfter, which is longer) never
        // marks a mail unknown while its sender is still at work.
        using var deadline = new CancellationTokenSource(_options.Timeout);
        var (result, staleConnection) = await Transfer(rented.Client!, message, handOver, accepted, deadline.Token);
        if (!staleConnection || !rented.Reused) return result;
        // The server had closed the idle connection before MAIL FROM: nothing went, so a fresh one carries this attempt.
        _logger.LogDebug("A re-used SMTP connection was closed by the server ({Reason}); connecting afresh", result.Detail);
        var fresh = await Rent(deadline.Token);
        if (fresh.Failure is { } notReached) return notReached;
        return (await Transfer(fresh.Client!, message, handOver, accepted, deadline.Token)).Result;
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

    /// <summary>
    /// One SMTP exchange on an SMTP thread (<see cref="SmtpThreads"/>), with MailKit's synchronous API: MailKit asks for
    /// the hand-over from inside the exchange, synchronously, and the thread waits out the append's commit there without
    /// taking a pool thread. Recorded any earlier, a crash before MAIL FROM would leave UNKNOWN a mail the server never
    /// saw. The same thread reads the server's 250 and runs <paramref name="accepted"/> at once, without waiting for a
    /// pool thread to come free.
    /// </summary>
    private Task<(SmtpSendResult Result, bool StaleConnection)> Transfer(TrackingSmtpClient client, MimeMessage message,
        Func<CancellationToken, Task<bool>> handOver, Action accepted, CancellationToken deadline) =>
        _threads.Run(() => TransferHere(client, message, handOver, accepted, deadline));

    /// <returns>The result, and whether the connection was found closed before anything was sent (worth one fresh try).</returns>
    private (SmtpSendResult Result, bool StaleConnection) TransferHere(TrackingSmtpClient client, MimeMessage message,
        Func<CancellationToken, Task<bool>> handOver, Action accepted, CancellationToken deadline)
    {
        client.BeginTransaction(() =>
        {
            var won = handOver(deadline).GetAwaiter().GetResult();
            if (won) Interlocked.Increment(ref _inFlight);
            return won;
        });
        try
        {
            var response = client.Send(message, deadline);
            accepted(); // must not throw: the mail is the server's now
            client.MessagesSent++;
            _pool.Return(client);
            return (SmtpSendResult.Sent(response), false);
        }
        catch (HandOverRefused e)
        {
            // No DATA went; the transaction is abandoned with the connection.
            _pool.Discard(client);
            if (e.InnerException is { } cause) ExceptionDispatchInfo.Throw(cause);
            return (SmtpSendResult.Skipped, false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 400)
        {
            // The server answered MAIL FROM, RCPT TO or the message with an error: it did not take the mail.
            _pool.Discard(client);
            var reply = $"The SMTP server answered {(int)e.StatusCode} ({e.ErrorCode}): {e.Message}";
            if ((int)e.StatusCode >= 500)
            {
                _logger.LogError("Refused for good: {Reply}", reply);
                return (SmtpSendResult.Rejected(reply, client.HandedOver), false);
            }
            _logger.LogWarning("Refused for now: {Reply}", reply);
            return (SmtpSendResult.NotSent(reply, client.HandedOver), false);
        }
        catch (Exception e) when (!client.HandedOver)
        {
            var timedOut = deadline.IsCancellationRequested;
            var stale = client.MessagesSent > 0 && !timedOut && e is not OperationCanceledException;
            _pool.Discard(client);
            var reason = $"The SMTP exchange broke before the mail was handed over: {Describe(e, timedOut)}";
            _logger.LogWarning(e, "Not sent: {Reason}", reason);
            return (SmtpSendResult.NotSent(reason, handedOver: false), stale);
        }
        catch (Exception e)
        {
            var timedOut = deadline.IsCancellationRequested;
            _pool.Discard(client);
            var reason = $"The SMTP exchange broke while the mail was handed over: {Describe(e, timedOut)}";
            _logger.LogError(e, "Delivery unknown: {Reason}", reason);
            return (SmtpSendResult.Unknown(reason), false);
        }
        finally
        {
            if (client.HandedOver) Interlocked.Decrement(ref _inFlight);
        }
    }

    private string Describe(Exception e, bool timedOut) =>
        timedOut && e is OperationCanceledException
            ? $"no answer within {_options.Timeout}"
            : $"{e.GetType().Name}: {e.Message}";

    public ValueTask DisposeAsync()
    {
        _threads.Dispose();
        return _pool.DisposeAsync();
    }
}
