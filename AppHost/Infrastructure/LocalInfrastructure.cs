using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// The Debian servers as executable resources: the AppHost starts them, watches them and stops them with
/// itself. Data lives under .data/ in the repository, so a second run keeps it.
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
        var pgPassword = config["PostgresPassword"] ?? "partnership-dev";
        var rmqPort = config.GetValue("RabbitMqPort", 55672);
        var rmqManagementPort = config.GetValue("RabbitMqManagementPort", 55673);
        var smtpPort = config.GetValue("SmtpPort", 2525);
        var smtpWebPort = config.GetValue("SmtpWebPort", 5080);

        var pgConnection = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Password={pgPassword}";
        var amqp = $"amqp://guest:guest@127.0.0.1:{rmqPort}/";
        builder.Configuration["ConnectionStrings:postgres"] = pgConnection;
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp;
        builder.Configuration["ConnectionStrings:smtp"] = $"smtp://127.0.0.1:{smtpPort}";
        builder.Services.AddHealthChecks()
            .AddCheck("postgres-ready", new PostgresReadyCheck(pgConnection))
            .AddCheck("rabbitmq-ready", new RabbitMqReadyCheck(amqp))
            .AddCheck("smtp-ready", new HttpReadyCheck($"http://127.0.0.1:{smtpWebPort}/api/messages"));

        var postgres = builder.AddExecutable("postgres-server", "bash", repo, "scripts/local/postgres.sh",
                pgPort.ToString(), Path.Combine(data, "postgres"))
            .WithEnvironment("POSTGRES_PASSWORD", pgPassword)
            .WithHealthCheck("postgres-ready");
        var rabbitmq = builder.AddExecutable("rabbitmq-server", "bash", repo, "scripts/local/rabbitmq.sh",
                rmqPort.ToString(), rmqManagementPort.ToString(), Path.Combine(data, "rabbitmq"))
            .WithHealthCheck("rabbitmq-ready")
            .WithUrl(ManagementUrl(rmqManagementPort), "RabbitMQ management (guest/guest)");
        var smtp = builder.AddExecutable("smtp-server", "bash", repo, "scripts/local/smtp4dev.sh",
                smtpPort.ToString(), smtpWebPort.ToString(), Path.Combine(data, "smtp4dev"))
            .WithHealthCheck("smtp-ready")
            .WithUrl(ManagementUrl(smtpWebPort), "Mail inbox (smtp4dev)");
        InfrastructureWatchdog.Watch(builder, config.GetValue("StartTimeout", TimeSpan.FromMinutes(2)),
            "postgres-server", "rabbitmq-server", "smtp-server");

        return new(builder.AddConnectionString("postgres"), postgres, builder.AddConnectionString("rabbitmq"), rabbitmq,
            builder.AddConnectionString("smtp"), smtp);
    }

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
