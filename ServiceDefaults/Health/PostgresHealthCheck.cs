using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Partnership.ServiceDefaults.Health;

/// <summary>Ready only when PostgreSQL answers a query, not merely accepts a TCP connection.</summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL does not answer", e);
        }
    }
}
