using Partnership.AppHost.Infrastructure;

namespace Partnership.AppHost;

internal static class ServiceResources
{
    /// <summary>A Partnership service: PostgreSQL and RabbitMQ referenced and awaited, the signing key handed in.</summary>
    public static IResourceBuilder<ProjectResource> AddPartnershipService<TProject>(this IDistributedApplicationBuilder builder,
        string name, InfrastructureResources infra, IResourceBuilder<ParameterResource> signingKey)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithReference(infra.Postgres).WaitFor(infra.PostgresServer)
            .WithReference(infra.RabbitMq).WaitFor(infra.RabbitMqServer)
            .WithEnvironment("Auth__SigningKey", signingKey)
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithHttpSurface(builder);
}
