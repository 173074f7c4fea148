namespace Partnership.AppHost.Infrastructure;

/// <summary>Aspire's container resources, chosen only when a Docker engine answers.</summary>
internal static class ContainerInfrastructure
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume("partnership-postgres");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq").WithDataVolume("partnership-rabbitmq").WithManagementPlugin();
        var smtp4dev = builder.AddContainer("smtp-server", "rnwood/smtp4dev", "3.15.0")
            .WithHttpEndpoint(targetPort: 80, name: "http")
            .WithEndpoint(targetPort: 25, name: "smtp", scheme: "tcp");
        var smtp = builder.AddConnectionString("smtp",
            ReferenceExpression.Create($"smtp://{smtp4dev.GetEndpoint("smtp").Property(EndpointProperty.HostAndPort)}"));
        return new(postgres, postgres, rabbitmq, rabbitmq, smtp, smtp4dev);
    }
}
