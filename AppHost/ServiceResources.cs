using Microsoft.Extensions.Configuration;
using Partnership.AppHost.Dashboard;
using Partnership.AppHost.Infrastructure;

namespace Partnership.AppHost;

internal static class ServiceResources
{
    /// <summary>
    /// A Partnership service: PostgreSQL and RabbitMQ under its own login (created by the access setup, which
    /// it waits for), its HTTP surface settings, and the dashboard's command to re-drive its error queues.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPartnershipService<TProject>(this IDistributedApplicationBuilder builder,
        string name, InfrastructureResources infra)
        where TProject : IProjectMetadata, new()
    {
        var login = infra.Access.AddLogin(name);
        // Services:Replicas (default 1) runs that many processes of every service: they compete for each queue's
        // messages, elect one daemon leader per store, and share their state through the store alone.
        var replicas = Math.Max(1, builder.Configuration.GetValue("Services:Replicas", 1));
        return builder.AddProject<TProject>(name)
            .RunBuiltAssembly()
            .WithReplicas(replicas)
            .WithEnvironment("ConnectionStrings__postgres", infra.Logins.PostgresAs(name, login.DatabasePassword))
            .WithEnvironment("ConnectionStrings__rabbitmq", infra.Logins.RabbitMqAs(name, login.BrokerPassword))
            .WaitFor(infra.PostgresServer).WaitFor(infra.RabbitMqServer).WaitForCompletion(infra.Access.Resource)
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithHttpSurface(builder)
            .WithRedriveErrorQueuesCommand();
    }
}
