using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.AppHost.Dashboard;
using Partnership.AppHost.Infrastructure.Access;

namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// The Debian servers as executable resources: the AppHost starts them, watches them and stops them with
/// itself. Data lives under .data/ in the repository, so a second run keeps it. The administrators
/// (PostgreSQL "postgres", RabbitMQ "admin") have passwords the AppHost generates and keeps in user secrets
/// (parameters postgres-admin-password, rabbitmq-admin-password); RabbitMQ has no guest login.
/// </summary>
internal static class LocalInfrastructure
{
    public static InfrastructureResources Add(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection("Infrastructure");
        var repo = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var data = Path.Combine(repo, ".data");
        Preflight(repo);
        var pgPort = config.GetValue("PostgresPort", 55432);
        var rmqPort = config.GetValue("RabbitMqPort", 55672);
        var rmqManagementPort = config.GetValue("RabbitMqManagementPort", 55673);
        var smtpPort = config.GetValue("SmtpPort", 2525);
        var smtpWebPort = config.GetValue("SmtpWebPort", 5080);
        var pgAdminPassword = ServiceLogin.Secret(builder, "postgres-admin-password");
        var rmqAdminPassword = ServiceLogin.Secret(builder, "rabbitmq-admin-password");

        builder.Configuration["ConnectionStrings:smtp"] = $"smtp://127.0.0.1:{smtpPort}";
        // Named: without it Npgsql connects to the database named like the login, and each service has its own login.
        // No TLS: the server is on this machine, where it protects nothing and costs a handshake per connection.
        var pgAddress = $"Host=127.0.0.1;Port={pgPort};Database=postgres;SSL Mode=Disable";
        var amqpAddress = $"127.0.0.1:{rmqPort}";
        var pgAdmin = builder.AddConnectionString("postgres",
            ReferenceExpression.Create($"{pgAddress};Username=postgres;Password={pgAdminPassword}"));
        var rmqAdmin = builder.AddConnectionString("rabbitmq",
            ReferenceExpression.Create($"amqp://{RabbitMqAdmin}:{rmqAdminPassword}@{amqpAddress}/"));
        builder.Services.AddHealthChecks()
            .AddCheck("postgres-ready", new PostgresReadyCheck(((IResourceWithConnectionString)pgAdmin.Resource).GetConnectionStringAsync))
            .AddCheck("rabbitmq-ready", new RabbitMqReadyCheck(((IResourceWithConnectionString)rmqAdmin.Resource).GetConnectionStringAsync))
            .AddCheck("smtp-ready", new HttpReadyCheck($"http://127.0.0.1:{smtpWebPort}/api/messages"));

        var postgres = builder.AddExecutable("postgres-server", "bash", repo, "scripts/local/postgres.sh",
                pgPort.ToString(), Path.Combine(data, "postgres"))
            .WithEnvironment("POSTGRES_PASSWORD", pgAdminPassword)
            .WithHealthCheck("postgres-ready");
        var rabbitmq = builder.AddExecutable("rabbitmq-server", "bash", repo, "scripts/local/rabbitmq.sh",
                rmqPort.ToString(), rmqManagementPort.ToString(), Path.Combine(data, "rabbitmq"))
            .WithEnvironment("RABBITMQ_DEFAULT_USER", RabbitMqAdmin)
            .WithEnvironment("RABBITMQ_DEFAULT_PASS", rmqAdminPassword)
            .WithHealthCheck("rabbitmq-ready")
            .WithUrl(ManagementUrl(rmqManagementPort), DashboardLinks.RabbitMqManagement);
        var smtp = builder.AddExecutable("smtp-server", "bash", repo, "scripts/local/smtp4dev.sh",
                smtpPort.ToString(), smtpWebPort.ToString(), Path.Combine(data, "smtp4dev"))
            .WithHealthCheck("smtp-ready")
            .WithUrl(ManagementUrl(smtpWebPort), DashboardLinks.MailInbox);
        InfrastructureWatchdog.Watch(builder, config.GetValue("StartTimeout", TimeSpan.FromMinutes(2)),
            "postgres-server", "rabbitmq-server", "smtp-server");

        var logins = new ServerLogins(
            (role, password) => ReferenceExpression.Create($"{pgAddress};Username={role};Password={password}"),
            (user, password) => ReferenceExpression.Create($"amqp://{user}:{password}@{amqpAddress}/"),
            ReferenceExpression.Create($"{ManagementUrl(rmqManagementPort)}/"),
            LegacyDefaults: true);
        return new(pgAdmin, postgres, rmqAdmin, rabbitmq, builder.AddConnectionString("smtp"), smtp, logins);
    }

    private const string RabbitMqAdmin = "admin";

    private static string ManagementUrl(int port) => "http://127.0.0.1:" + port;

    private static void Preflight(string repo)
    {
        var missing = new[]
            {
                "/usr/lib/postgresql/15/bin/postgres", "/usr/sbin/rabbitmq-server", Path.Combine(repo, ".tools/smtp4dev"),
                Path.Combine(repo, "scripts/local/postgres.sh"),
            }
            .Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            InfrastructureModes.Fail($"local infrastructure is not installed (missing: {string.Join(", ", missing)}). " +
                "Run scripts/install-infra.sh, or start the system with scripts/run.sh, which does.");
    }
}
