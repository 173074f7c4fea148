using Partnership.AppHost.Dashboard;
using Partnership.AppHost.Infrastructure.Access;

namespace Partnership.AppHost.Infrastructure;

/// <summary>Aspire's container resources, chosen only when a Docker engine answers.</summary>
internal static class ContainerInfrastructure
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume("partnership-postgres");
        // The administrator is "admin", not guest, with a generated password (parameter rabbitmq-admin-password).
        var rabbitAdmin = builder.AddParameter("rabbitmq-admin-user", "admin");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq", rabbitAdmin, Access.ServiceLogin.Secret(builder, "rabbitmq-admin-password"))
            .WithDataVolume("partnership-rabbitmq").WithManagementPlugin()
            .WithUrlForEndpoint("management", url => url.DisplayText = DashboardLinks.RabbitMqManagement);
        var smtp4dev = builder.AddContainer("smtp-server", "rnwood/smtp4dev", "3.15.0")
            .WithHttpEndpoint(targetPort: 80, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = DashboardLinks.MailInbox)
            .WithEndpoint(targetPort: 25, name: "smtp", scheme: "tcp");
        var smtp = builder.AddConnectionString("smtp",
            ReferenceExpression.Create($"smtp://{smtp4dev.GetEndpoint("smtp").Property(EndpointProperty.HostAndPort)}"));
        // The containers' administrators are Aspire's generated postgres and rabbitmq users; the services log in as
        // their own users on the same endpoints.
        var pg = postgres.Resource.PrimaryEndpoint;
        var amqp = rabbitmq.Resource.PrimaryEndpoint;
        var management = rabbitmq.GetEndpoint("management");
        var logins = new ServerLogins(
            (role, password) => ReferenceExpression.Create(
                $"Host={pg.Property(EndpointProperty.Host)};Port={pg.Property(EndpointProperty.Port)};Database=postgres;Username={role};Password={password}"),
            (user, password) => ReferenceExpression.Create($"amqp://{user}:{password}@{amqp.Property(EndpointProperty.HostAndPort)}/"),
            ReferenceExpression.Create($"{management.Property(EndpointProperty.Url)}/"));
        return new(postgres, postgres, rabbitmq, rabbitmq, smtp, smtp4dev, logins);
    }
}
