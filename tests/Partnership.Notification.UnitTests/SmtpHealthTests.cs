using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Notification.Smtp;
using Partnership.Testing;

namespace Partnership.Notification.UnitTests;

/// <summary>The mail server away is Degraded (emails wait), never Unhealthy, and says why.</summary>
public class SmtpHealthTests : IAsyncLifetime
{
    private readonly RecordingSmtpServer _server = new();
    private SmtpEmailSender _sender = null!;
    private IOptions<SmtpOptions> _options = null!;

    public async Task InitializeAsync()
    {
        await _server.StartListening();
        _options = Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _server.Port, Timeout = TimeSpan.FromSeconds(2), ConnectAttempts = 2,
            ConnectBackoff = TimeSpan.FromMilliseconds(10), Connections = 1,
        });
        _sender = new SmtpEmailSender(_options, NullLogger<SmtpEmailSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<HealthCheckResult> Check() => new SmtpHealthCheck(_sender, _options).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_listening_server_is_healthy() => Assert.Equal(HealthStatus.Healthy, (await Check()).Status);

    [Fact]
    public async Task A_server_that_refuses_connections_is_degraded_with_its_address()
    {
        await _server.Refuse();
        var result = await Check();
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains($"127.0.0.1:{_server.Port}", result.Description);
    }

    [Fact]
    public async Task A_send_that_could_not_reach_the_server_keeps_it_degraded_until_one_does()
    {
        _sender.Reachability.Missed("connection refused");
        Assert.Equal(HealthStatus.Degraded, (await Check()).Status);
        Assert.Contains("connection refused", (await Check()).Description);
        _sender.Reachability.Reached();
        Assert.Equal(HealthStatus.Healthy, (await Check()).Status);
    }
}
