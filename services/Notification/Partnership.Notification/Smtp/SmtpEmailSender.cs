using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Partnership.Notification.Smtp;

/// <summary>
/// Sends one message with MailKit and says what became of it, telling "certainly not sent" from
/// "may have been sent": a failure to connect (TCP, greeting, EHLO: all inside ConnectAsync) hands
/// nothing over and is retried here with backoff; a failure inside SendAsync may come after the server
/// took the mail, so it is reported as unknown and never retried. The whole exchange ends within
/// <see cref="SmtpOptions.Timeout"/>.
/// </summary>
public sealed class SmtpEmailSender
{
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);

    private readonly SmtpOptions _options;
    private readonly ILogger<SmtpEmailSender> _logger;
    private readonly ResiliencePipeline _connect;

    public SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger)
    {
        _options = options.Value;
        _logger = logger;
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

    public async Task<SmtpSendResult> Send(MimeMessage message, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);

        SmtpClient client;
        try
        {
            client = await _connect.ExecuteAsync(static (sender, token) => sender.Connect(token), this, deadline.Token);
        }
        catch (Exception e)
        {
            var reason = $"Could not reach the SMTP server at {_options.Host}:{_options.Port}: {Describe(e, deadline.IsCancellationRequested)}";
            _logger.LogError(e, "Not sent: {Reason}", reason);
            return SmtpSendResult.NotSent(reason);
        }

        using (client)
        {
            string response;
            try
            {
                response = await client.SendAsync(message, deadline.Token);
            }
            catch (Exception e)
            {
                var reason = $"The SMTP exchange broke while the mail was handed over: {Describe(e, deadline.IsCancellationRequested)}";
                _logger.LogError(e, "Delivery unknown: {Reason}", reason);
                return SmtpSendResult.Unknown(reason);
            }
            await Disconnect(client);
            return SmtpSendResult.Sent(response);
        }
    }

    private async ValueTask<SmtpClient> Connect(CancellationToken token)
    {
        var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds) };
        try
        {
            // The dev server speaks plain SMTP; connecting includes the greeting and EHLO.
            await client.ConnectAsync(_options.Host, _options.Port, SecureSocketOptions.None, token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // The mail is accepted once SendAsync returns: a failed QUIT changes nothing.
    private async Task Disconnect(SmtpClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(DisconnectTimeout);
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "QUIT after a sent mail failed; the mail was accepted");
        }
    }

    private string Describe(Exception e, bool timedOut) =>
        timedOut && e is OperationCanceledException
            ? $"no answer within {_options.Timeout}"
            : $"{e.GetType().Name}: {e.Message}";
}
