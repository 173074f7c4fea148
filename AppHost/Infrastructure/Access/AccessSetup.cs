using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>The step that creates the services' logins; shown in the dashboard, it finishes before any service starts.</summary>
public sealed class AccessSetupResource(string name) : Resource(name), IResourceWithWaitSupport;

/// <summary>
/// Creates each service's RabbitMQ user (with permissions on the services' virtual host) and PostgreSQL role
/// (owning its schema), with the passwords the AppHost generated, once both servers answer; connected as
/// the administrator of each server (the "postgres" and "rabbitmq" connection strings, which no service
/// receives). Services WaitForCompletion on it.
/// </summary>
public sealed class AccessSetup
{
    // The local servers' logins before per-service credentials existed (published in earlier READMEs, so not
    // secret): a node or cluster still using them is moved to the generated administrator password.
    private const string LegacyPostgresPassword = "partnership-dev";
    private readonly List<ServiceLogin> _logins = [];
    private readonly IDistributedApplicationBuilder _builder;
    private readonly InfrastructureResources _infra;

    public IResourceBuilder<AccessSetupResource> Resource { get; }

    public AccessSetup(IDistributedApplicationBuilder builder, InfrastructureResources infra)
    {
        _builder = builder;
        _infra = infra;
        Resource = builder.AddResource(new AccessSetupResource("service-logins"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Setup", State = KnownResourceStates.NotStarted, Properties = [],
            })
            .WaitFor(infra.PostgresServer)
            .WaitFor(infra.RabbitMqServer)
            .OnInitializeResource(Run);
    }

    public ServiceLogin AddLogin(string service)
    {
        var login = ServiceLogin.For(_builder, service);
        _logins.Add(login);
        return login;
    }

    private async Task Run(AccessSetupResource resource, InitializeResourceEvent e, CancellationToken ct)
    {
        try
        {
            await e.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Waiting });
            await e.Notifications.WaitForDependenciesAsync(resource, ct);
            await e.Notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            await Provision(e.Logger, ct);
            await e.Notifications.PublishUpdateAsync(resource, s => s with
            {
                State = KnownResourceStates.Finished, ExitCode = 0, StopTimeStamp = DateTime.UtcNow,
            });
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            e.Logger.LogError(error, "Creating the services' logins failed: no service can start");
            await e.Notifications.PublishUpdateAsync(resource, s => s with
            {
                State = KnownResourceStates.FailedToStart, ExitCode = 1, StopTimeStamp = DateTime.UtcNow,
            });
            // Like a server that cannot start: said plainly, and the AppHost exits non-zero instead of waiting.
            Console.Error.WriteLine($"Partnership AppHost: creating the services' logins failed: {error.Message}");
            Environment.ExitCode = 1;
            e.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }
    }

    private async Task Provision(ILogger log, CancellationToken ct)
    {
        var postgres = await _infra.Postgres.Resource.GetConnectionStringAsync(ct)
            ?? throw new InvalidOperationException("the postgres connection string has no value");
        var amqp = new Uri(await _infra.RabbitMq.Resource.GetConnectionStringAsync(ct)
            ?? throw new InvalidOperationException("the rabbitmq connection string has no value"));
        var management = new Uri(await _infra.Logins.RabbitMqManagement.GetValueAsync(ct)
            ?? throw new InvalidOperationException("the RabbitMQ management URL has no value"));
        var (adminUser, adminPassword) = UserInfo(amqp);
        var vhost = amqp.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(amqp.AbsolutePath[1..]) : "/";

        if (_infra.Logins.LegacyDefaults) await MoveOffLegacyPostgresPassword(postgres, log, ct);
        using var broker = new BrokerUsers(management, adminUser, adminPassword);
        if (_infra.Logins.LegacyDefaults)
        {
            if (!await broker.AdminCanLogIn(ct))
            {
                log.LogInformation("RabbitMQ still has only guest: creating {Admin} and deleting guest", adminUser);
                await broker.ReplaceGuest(ct);
            }
            await broker.DeleteUser("guest", ct);
        }

        foreach (var login in _logins)
        {
            var brokerPassword = await Value(login.BrokerPassword, ct);
            await broker.Grant(vhost, login.Service, brokerPassword, BrokerPermissions.For(login.Service), ct);
            await DatabaseRoles.Provision(postgres, login.Service, await Value(login.DatabasePassword, ct), ct);
            log.LogInformation("{Service}: RabbitMQ user and PostgreSQL role '{Service}' ready", login.Service, login.Service);
        }
    }

    private static async Task MoveOffLegacyPostgresPassword(string postgres, ILogger log, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres);
        if (await DatabaseRoles.CanLogIn(postgres, admin.Username!, admin.Password!, ct)) return;
        var legacy = new NpgsqlConnectionStringBuilder(postgres) { Password = LegacyPostgresPassword, Pooling = false };
        log.LogInformation("PostgreSQL still has the old development password: setting the generated one");
        await using var connection = new NpgsqlConnection(legacy.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"ALTER ROLE \"{admin.Username}\" PASSWORD '{admin.Password!.Replace("'", "''")}'", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static (string User, string Password) UserInfo(Uri amqp)
    {
        var parts = amqp.UserInfo.Split(':', 2);
        return parts.Length == 2 ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1])) : ("guest", "guest");
    }

    private static async Task<string> Value(IResourceBuilder<ParameterResource> parameter, CancellationToken ct) =>
        await parameter.Resource.GetValueAsync(ct) ?? throw new InvalidOperationException($"parameter {parameter.Resource.Name} has no value");
}
