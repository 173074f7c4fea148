namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// A service's own logins: a RabbitMQ user and a PostgreSQL role, both named after the service, with
/// passwords the AppHost generates once and keeps in user secrets (Parameters:&lt;service&gt;-rabbitmq-password,
/// Parameters:&lt;service&gt;-postgres-password). Set them in configuration to choose them instead.
/// </summary>
public sealed record ServiceLogin(string Service, IResourceBuilder<ParameterResource> BrokerPassword,
    IResourceBuilder<ParameterResource> DatabasePassword)
{
    public static ServiceLogin For(IDistributedApplicationBuilder builder, string service) => new(service,
        Secret(builder, $"{service}-rabbitmq-password"), Secret(builder, $"{service}-postgres-password"));

    // Letters and digits only: the password goes into an AMQP URI and a connection string unescaped.
    public static IResourceBuilder<ParameterResource> Secret(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
}
