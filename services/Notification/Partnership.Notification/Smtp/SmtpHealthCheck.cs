using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Partnership.Notification.Smtp;

/// <summary>
/// The mail server away makes the service Degraded, not Unhealthy: emails wait (RETRYING) and go when it returns, so
/// the service must keep taking traffic. Degraded when the last send could not reach the server, or when a TCP connect
/// to it fails now (an idle service would otherwise not notice). A TCP connect opens no SMTP transaction.
/// </summary>
public sealed class SmtpHealthCheck(SmtpEmailSender sender, IOptions<SmtpOptions> options) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var smtp = options.Value;
        if (sender.Reachability.MissedBecause is { } reason) return HealthCheckResult.Degraded($"The last send failed: {reason}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(smtp.Host, smtp.Port, timeout.Token);
            return HealthCheckResult.Healthy($"The SMTP server at {smtp.Host}:{smtp.Port} accepts connections.");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"The SMTP server at {smtp.Host}:{smtp.Port} does not accept connections: {e.Message}");
        }
    }
}
