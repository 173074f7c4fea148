using Npgsql;
using Partnership.Messaging;

namespace Partnership.EndToEndTests.Delivery;

/// <summary>What a healthy system has before its first request: every exchange of the catalogue, and plain connections to a local database.</summary>
[Collection(SystemCollection.Name)]
public sealed class StartupTests(PartnershipSystem system)
{
    [Fact]
    public void Every_exchange_in_the_catalogue_exists_as_soon_as_the_services_are_healthy()
    {
        var missing = IntegrationEventPublishers.OwnerOfExchange.Keys.Where(e => !system.ExchangesWhenHealthy.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"missing at start: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_services_connect_to_the_loopback_database_without_TLS()
    {
        // The test server has ssl on, so Npgsql's default (Prefer) would negotiate TLS.
        await using var connection = new NpgsqlConnection(system.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select a.usename, bool_or(s.ssl) from pg_stat_activity a join pg_stat_ssl s on s.pid = a.pid
            where a.datname = current_database() and a.usename = any(@services) group by a.usename
            """, connection);
        command.Parameters.AddWithValue("services", PartnershipSystem.Services);
        var tls = new Dictionary<string, bool>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tls[reader.GetString(0)] = reader.GetBoolean(1);
        Assert.Equal(PartnershipSystem.Services.Order(), tls.Keys.Order());
        Assert.All(tls, service => Assert.False(service.Value, $"{service.Key} connected with TLS"));
    }
}
