using Partnership.AppHost.Infrastructure;

namespace Partnership.AppHost;

internal static class ServiceResources
{
    /// <summary>A Partnership service: PostgreSQL and RabbitMQ referenced and awaited.</summary>
    public static IResourceBuilder<ProjectResource> AddPartnershipService<TProject>(this IDistributedApplicationBuilder builder,
        string name, InfrastructureResources infra)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithReference(infra.Postgres).WaitFor(infra.PostgresServer)
            .WithReference(infra.RabbitMq).WaitFor(infra.RabbitMqServer)
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithHttpSurface(builder);
}
