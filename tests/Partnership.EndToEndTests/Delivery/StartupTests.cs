using System.Net.Http.Json;
using Npgsql;
using Partnership.Messaging;

namespace Partnership.EndToEndTests.Delivery;

/// <summary>
/// What a healthy system has before its first request: every exchange of the catalogue, Billing-Account's learned-access
/// queues bound through their routed exchanges, and plain connections to a local database.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class StartupTests(PartnershipSystem system)
{
    [Fact]
    public void Every_exchange_in_the_catalogue_exists_as_soon_as_the_services_are_healthy()
    {
        var missing = IntegrationEventPublishers.OwnerOfExchange.Keys.Where(e => !system.ExchangesWhenHealthy.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"missing at start: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("partnership.access-binding-granted.v1", "billing-access-binding-granted")]
    [InlineData("partnership.access-binding-revoked.v1", "billing-access-binding-revoked")]
    public async Task Billing_learns_access_only_from_the_routing_keys_it_takes(string exchange, string queue)
    {
        // The broker routes to Billing-Account's queue only grants and revokes on billing accounts and clouds, and those
        // with no key: the fanout exchange reaches it only through its own direct exchange, never straight.
        var fromExchange = await Bindings(exchange);
        Assert.DoesNotContain(fromExchange, b => b.Destination == queue);
        Assert.Contains(fromExchange, b => b.Destination == $"{queue}-routed" && b.DestinationType == "exchange");
        var routed = await Bindings($"{queue}-routed");
        Assert.All(routed, b => Assert.Equal(queue, b.Destination));
        Assert.Equal(["", "billing-account", "cloud"], routed.Select(b => b.RoutingKey).Order());
    }

    private async Task<Binding[]> Bindings(string source)
    {
        using var http = system.ManagementClient();
        var vhost = Uri.EscapeDataString(Uri.UnescapeDataString(system.Amqp.AbsolutePath.TrimStart('/')));
        return await http.GetFromJsonAsync<Binding[]>($"api/exchanges/{vhost}/{Uri.EscapeDataString(source)}/bindings/source") ?? [];
    }

    private sealed record Binding(string Source, string Destination, [property: System.Text.Json.Serialization.JsonPropertyName("destination_type")] string DestinationType,
        [property: System.Text.Json.Serialization.JsonPropertyName("routing_key")] string RoutingKey);

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
