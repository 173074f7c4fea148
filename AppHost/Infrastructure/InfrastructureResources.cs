using Microsoft.Extensions.Configuration;
namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and the development SMTP server, as connection strings for the services plus the
/// server resources to wait for. Three modes (Infrastructure:Mode):
/// "containers" (Aspire's container resources; needs a Docker engine), "local" (the Debian servers run
/// by scripts/local/*.sh as executable resources, data under .data/), "external" (servers already
/// running, given as ConnectionStrings:postgres/rabbitmq/smtp). "auto", the default, picks containers
/// when a Docker engine answers and local otherwise.
/// </summary>
public sealed record InfrastructureResources(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResource> PostgresServer,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IResourceBuilder<IResource> RabbitMqServer,
    IResourceBuilder<IResourceWithConnectionString> Smtp,
    IResourceBuilder<IResource> SmtpServer)
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModes.Resolve(builder.Configuration["Infrastructure:Mode"]);
        Console.WriteLine($"Infrastructure mode: {mode}");
        return mode switch
        {
            InfrastructureMode.Containers => ContainerInfrastructure.Add(builder),
            InfrastructureMode.Local => LocalInfrastructure.Add(builder),
            _ => External(builder),
        };
    }

    private static InfrastructureResources External(IDistributedApplicationBuilder builder)
    {
        foreach (var name in new[] { "postgres", "rabbitmq", "smtp" })
            if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)))
                InfrastructureModes.Fail($"Infrastructure:Mode is external but ConnectionStrings:{name} is not set.");
        var postgres = builder.AddConnectionString("postgres");
        var rabbitmq = builder.AddConnectionString("rabbitmq");
        var smtp = builder.AddConnectionString("smtp");
        return new(postgres, postgres, rabbitmq, rabbitmq, smtp, smtp);
    }
}
