using Npgsql;
using Partnership.Testing;
using RabbitMQ.Client;

namespace Partnership.EndToEndTests;

/// <summary>Logging in as one of the services (their fixed test passwords: TestServiceLogins).</summary>
public static class ServiceLogins
{
    public static Uri AmqpAs(this PartnershipSystem system, string service) =>
        new UriBuilder(system.Amqp) { UserName = service, Password = TestServiceLogins.BrokerPassword(service) }.Uri;

    public static string PostgresAs(this PartnershipSystem system, string service) =>
        new NpgsqlConnectionStringBuilder(system.Postgres)
            { Username = service, Password = TestServiceLogins.DatabasePassword(service), Pooling = false }.ConnectionString;

    /// <summary>Publishes a body as the given service would: logged in as its user, user-id stamped, confirmed.</summary>
    public static async Task PublishAs(this PartnershipSystem system, string service, string exchange, byte[] body, string? userId = null)
    {
        await using var connection = await new ConnectionFactory { Uri = system.AmqpAs(service) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(exchange, "", mandatory: false, Properties(userId ?? service), body);
    }

    /// <summary>The test node administrator's user name (guest on the local test servers).</summary>
    public static string AdministratorUser(this PartnershipSystem system) => Uri.UnescapeDataString(system.Amqp.UserInfo.Split(':')[0]);

    /// <summary>Publishes as the test node's administrator: what an attacker with a broker login does.</summary>
    public static async Task PublishAsAdministrator(this PartnershipSystem system, string exchange, byte[] body, string? userId)
    {
        await using var connection = await new ConnectionFactory { Uri = system.Amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(exchange, "", mandatory: false, Properties(userId), body);
    }

    private static BasicProperties Properties(string? userId) =>
        new() { ContentType = "application/vnd.masstransit+json", Persistent = true, UserId = userId };
}
