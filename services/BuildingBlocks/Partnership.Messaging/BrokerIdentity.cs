using Microsoft.Extensions.Configuration;

namespace Partnership.Messaging;

/// <summary>
/// Who a service is on the broker. Each service connects as its own RabbitMQ user, named after the service
/// unless Messaging:BrokerUsers:&lt;service&gt; says otherwise, and stamps that name on what it publishes
/// (the AMQP user-id property, which RabbitMQ checks against the connection's user).
/// </summary>
public sealed class BrokerIdentity(IConfiguration configuration, string connectionUser)
{
    /// <summary>The user this process connected as (from the AMQP URI), stamped as user-id on every publish.</summary>
    public string User { get; } = connectionUser;

    /// <summary>The broker user a service publishes as.</summary>
    public string UserOf(string service) => configuration[$"Messaging:BrokerUsers:{service}"] ?? service;

    /// <summary>
    /// The service that owns an exchange: the catalogue's, or Messaging:ExchangeOwners:&lt;exchange&gt; for an
    /// exchange outside it (a test's own messages).
    /// </summary>
    public string? OwnerOf(string exchange) =>
        IntegrationEventPublishers.OwnerOfExchange.GetValueOrDefault(exchange) ?? configuration[$"Messaging:ExchangeOwners:{exchange}"];

    public static string UserFromUri(Uri amqp) =>
        Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0]) is { Length: > 0 } user ? user : "guest";
}
