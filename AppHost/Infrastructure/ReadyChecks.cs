using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// Ready means the server answers its own protocol, not merely that its process runs. A refused login
/// counts as an answer: a server kept from an earlier run may still have its old administrator password,
/// which the access setup changes once the server is ready.
/// </summary>
internal sealed class PostgresReadyCheck(Func<CancellationToken, ValueTask<string?>> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await connectionString(ct));
            await connection.OpenAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return HealthCheckResult.Healthy("answers, but refuses the administrator's password");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer yet", e);
        }
    }
}

internal sealed class RabbitMqReadyCheck(Func<CancellationToken, ValueTask<string?>> amqpUri) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri((await amqpUri(ct))!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (IsRefusedLogin(e))
        {
            return HealthCheckResult.Healthy("answers, but refuses the administrator's password");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ does not answer yet", e);
        }
    }

    // The client reports a refused login as "unreachable", with the authentication failure inside.
    private static bool IsRefusedLogin(Exception? e) =>
        e is not null && (e is RabbitMQ.Client.Exceptions.AuthenticationFailureException || IsRefusedLogin(e.InnerException));
}

internal sealed class HttpReadyCheck(string url) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var response = await Http.GetAsync(url, ct);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{url}: {(int)response.StatusCode}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{url} does not answer yet", e);
        }
    }
}
