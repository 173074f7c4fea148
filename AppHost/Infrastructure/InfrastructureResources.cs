using Microsoft.Extensions.Configuration;
using Npgsql;
using Partnership.AppHost.Dashboard;
using Partnership.AppHost.Infrastructure.Access;

namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and the development SMTP server, as connection strings for the services plus the
/// server resources to wait for. Three modes (Infrastructure:Mode):
/// "containers" (Aspire's container resources; needs a Docker engine), "local" (the Debian servers run
/// by scripts/local/*.sh as executable resources, data under .data/), "external" (servers already
/// running, given as ConnectionStrings:postgres/rabbitmq/smtp). "auto", the default, picks containers
/// when a Docker engine answers and local otherwise.
/// The "postgres" and "rabbitmq" connection strings are the servers' administrators: only the AppHost's
/// access setup uses them, to create each service's own login (see Access/); services get their own.
/// In external mode the RabbitMQ management API is at Infrastructure:RabbitMqManagementUrl (default: the
/// AMQP host, port 15672), and the mail server's web inbox, if any, at Infrastructure:SmtpWebUrl (both shown as links
/// in the dashboard).
/// </summary>
public sealed record InfrastructureResources(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResource> PostgresServer,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IResourceBuilder<IResource> RabbitMqServer,
    IResourceBuilder<IResourceWithConnectionString> Smtp,
    IResourceBuilder<IResource> SmtpServer,
    ServerLogins Logins)
{
    /// <summary>Creates the services' logins; every service waits for it to finish.</summary>
    public AccessSetup Access { get; private set; } = null!;

    public static InfrastructureResources Add(IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModes.Resolve(builder.Configuration["Infrastructure:Mode"]);
        Console.WriteLine($"Infrastructure mode: {mode}");
        if (mode != InfrastructureMode.Containers) ContainerRuntimeProbes.Quiet(builder);
        var infra = mode switch
        {
            InfrastructureMode.Containers => ContainerInfrastructure.Add(builder),
            InfrastructureMode.Local => LocalInfrastructure.Add(builder),
            _ => External(builder),
        };
        infra.Access = new AccessSetup(builder, infra);
        return infra;
    }

    private static InfrastructureResources External(IDistributedApplicationBuilder builder)
    {
        foreach (var name in new[] { "postgres", "rabbitmq", "smtp" })
            if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)))
                InfrastructureModes.Fail($"Infrastructure:Mode is external but ConnectionStrings:{name} is not set.");
        var amqp = new Uri(builder.Configuration.GetConnectionString("rabbitmq")!);
        var management = builder.Configuration["Infrastructure:RabbitMqManagementUrl"] ?? $"http://{amqp.Host}:15672/";
        var postgres = builder.AddConnectionString("postgres");
        var rabbitmq = builder.AddConnectionString("rabbitmq").WithUrl(management, DashboardLinks.ExternalRabbitMqManagement);
        var smtp = builder.AddConnectionString("smtp");
        // The mail server's web inbox, when it has one (Infrastructure:SmtpWebUrl).
        if (Uri.TryCreate(builder.Configuration["Infrastructure:SmtpWebUrl"], UriKind.Absolute, out var inbox))
            smtp.WithUrl(inbox.ToString(), DashboardLinks.MailInbox);
        var logins = new ServerLogins(PostgresAs(builder.Configuration.GetConnectionString("postgres")!), RabbitMqAs(amqp),
            ReferenceExpression.Create($"{management}"));
        return new(postgres, postgres, rabbitmq, rabbitmq, smtp, smtp, logins);
    }

    /// <summary>The administrator's connection string with another login: same server, database and options.</summary>
    public static Func<string, IResourceBuilder<ParameterResource>, ReferenceExpression> PostgresAs(string admin)
    {
        var server = new NpgsqlConnectionStringBuilder(admin);
        // Without a database Npgsql uses the login's name: keep the administrator's database for every login.
        if (string.IsNullOrEmpty(server.Database)) server.Database = server.Username ?? "postgres";
        server.Remove("Username");
        server.Remove("Password");
        // TLS to a server on this machine protects nothing and costs a handshake per physical connection (Npgsql's
        // default, Prefer, negotiates it whenever the server has ssl on). An SSL mode the administrator chose is kept.
        if (IsLoopback(server.Host) && !new System.Data.Common.DbConnectionStringBuilder { ConnectionString = admin }.Keys
                .Cast<string>().Any(k => k.Replace(" ", "").Equals("sslmode", StringComparison.OrdinalIgnoreCase)))
            server.SslMode = SslMode.Disable;
        var address = server.ConnectionString;
        return (role, password) => ReferenceExpression.Create($"{address};Username={role};Password={password}");
    }

    public static bool IsLoopback(string? host) =>
        host is "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>The administrator's AMQP URI with another login: same host, port and virtual host.</summary>
    public static Func<string, IResourceBuilder<ParameterResource>, ReferenceExpression> RabbitMqAs(Uri admin)
    {
        var scheme = admin.Scheme;
        var port = admin.Port > 0 ? admin.Port : scheme == "amqps" ? 5671 : 5672;
        var address = $"{admin.Host}:{port}{admin.AbsolutePath}";
        return (user, password) => ReferenceExpression.Create($"{scheme}://{user}:{password}@{address}");
    }
}
