namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// How a service reaches the servers under its own name: its connection strings, built from the server's
/// address and the service's login, plus where the RabbitMQ management API answers (for provisioning).
/// LegacyDefaults is set for the local servers, whose data may predate the services' own logins.
/// </summary>
public sealed record ServerLogins(
    Func<string, IResourceBuilder<ParameterResource>, ReferenceExpression> PostgresAs,
    Func<string, IResourceBuilder<ParameterResource>, ReferenceExpression> RabbitMqAs,
    ReferenceExpression RabbitMqManagement,
    bool LegacyDefaults = false);
