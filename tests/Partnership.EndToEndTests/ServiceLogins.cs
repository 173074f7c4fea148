using Npgsql;
using RabbitMQ.Client;

namespace Partnership.EndToEndTests;

/// <summary>
/// The services' broker users and database roles are cluster-wide, so every test run uses the same names
/// and these fixed passwords (the AppHost creates them if missing); each run's grants are on its own
/// virtual host and database.
/// </summary>
public static class ServiceLogins
{
    public static string Password(string service, string server) => $"e2eTest{server}{service}Login0";

    public static readonly string[] Parameters = PartnershipSystem.Services
        .SelectMany(s => new[]
        {
            $"--Parameters:{s}-rabbitmq-password={Password(s, "Rabbit")}", $"--Parameters:{s}-postgres-password={Password(s, "Postgres")}",
        })
        .ToArray();

    public static Uri AmqpAs(this PartnershipSystem system, string service) =>
        new UriBuilder(system.Amqp) { UserName = service, Password = Password(service, "Rabbit") }.Uri;

    public static string PostgresAs(this PartnershipSystem system, string service) =>
        new NpgsqlConnectionStringBuilder(system.Postgres) { Username = service, Password = Password(service, "Postgres"), Pooling = false }
            .ConnectionString;

    /// <summary>Publishes a body as the given service would: logged in as its user, user-id stamped, confirmed.</summary>
    public static async Task PublishAs(this PartnershipSystem system, string service, string exchange, byte[] body, string? userId = null)
    {
        await using var connection = await new ConnectionFactory { Uri = system.AmqpAs(service) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(exchange, "", mandatory: false, Properties(userId ?? service), body);
    }

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
