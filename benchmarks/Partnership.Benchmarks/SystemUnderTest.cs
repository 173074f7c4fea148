using System.Net;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.ServiceDefaults.Authentication;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// The whole system as the end-to-end tests start it (tests/Partnership.EndToEndTests/PartnershipSystem.cs):
/// the AppHost through Aspire.Hosting.Testing in external infrastructure mode, on this run's database and
/// virtual host, mail to an SMTP server in this process, tokens from the running issuer.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    private static readonly string ClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    public static readonly string[] Services = ["identity", "billing", "customer", "notification"];

    private readonly Dictionary<string, GrpcChannel> _channels = new();

    private SystemUnderTest(DistributedApplication app, ServiceLogs logs)
    {
        App = app;
        Logs = logs;
    }

    public DistributedApplication App { get; }
    public ServiceLogs Logs { get; }
    public Account Operator { get; private set; } = null!;
    private IssuerTokenClient _issuer = null!;

    /// <summary>A token from the running issuer (valid an hour: longer than a load run).</summary>
    public Task<string> TokenFor(string accountId, bool asOperator = false) => _issuer.TokenFor(accountId, asOperator);

    public static async Task<SystemUnderTest> Start(string postgres, Uri amqp, Uri rabbitManagement, int smtpPort, string logDirectory,
        CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Partnership_AppHost>(
        [
            "--Infrastructure:Mode=external", $"--ConnectionStrings:postgres={postgres}", $"--ConnectionStrings:rabbitmq={amqp}",
            $"--ConnectionStrings:smtp=smtp://127.0.0.1:{smtpPort}", $"--Parameters:auth-issuer-signing-key={NewIssuerKey()}", $"--Parameters:auth-issuer-client-secret={ClientSecret}",
            .. TestServiceLogins.AppHostArguments(rabbitManagement),
        ], ct);
        // The services' own output goes to files (ServiceLogs). The AppHost's warnings are counted for the report;
        // the console shows them too, except the health checks' (a service still starting up fails them with a
        // stack trace each time, which the report counts instead).
        var logs = new ServiceLogs(logDirectory);
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            logging.AddFilter<ConsoleLoggerProvider>((category, level) =>
                level >= LogLevel.Warning && !(category ?? "").Contains(".Resources.", StringComparison.Ordinal)
                && !(category ?? "").StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal));
            logging.AddProvider(new CountingLoggerProvider(logs));
        });
        var app = await builder.BuildAsync(ct);
        var system = new SystemUnderTest(app, logs);
        logs.Watch(app, Services);
        try
        {
            await app.StartAsync(ct);
            foreach (var service in Services) await app.ResourceNotifications.WaitForResourceHealthyAsync(service, ct);
            system._issuer = new IssuerTokenClient(app.GetEndpoint("identity", "http"), ClientSecret);
            system.Operator = new Account("ajeoperator000000000", "operator@partners.cloud.yandex.ru",
                await system.TokenFor("ajeoperator000000000", asOperator: true));
            return system;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("The system did not start in time. Resource states: " + system.States());
            await DisposeQuietly(system);
            throw new TimeoutException("The four services were not healthy in time; see the service logs in " + logs.Directory);
        }
        catch
        {
            await DisposeQuietly(system);
            throw;
        }
    }

    /// <summary>The issuer's key for this run only; the driver needs no key, it asks the issuer for tokens.</summary>
    private static string NewIssuerKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    private static async Task DisposeQuietly(SystemUnderTest system)
    {
        try
        {
            await system.DisposeAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("Stopping the half-started system failed: " + e.Message);
        }
    }

    /// <summary>What DCP says about each service: state, health, exit code.</summary>
    public string States() => string.Join("; ", Services.Select(service =>
        App.ResourceNotifications.TryGetCurrentState(service, out var e)
            ? $"{service} {e.Snapshot.State?.Text ?? "?"} health={e.Snapshot.HealthStatus?.ToString() ?? "?"} exit={e.Snapshot.ExitCode?.ToString() ?? "-"}"
            : $"{service} (no state)"));

    public GrpcChannel Channel(string service)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(service, out var channel))
            {
                _channels[service] = channel = GrpcChannel.ForAddress(App.GetEndpoint(service, "grpc"), new GrpcChannelOptions
                {
                    HttpHandler = new SocketsHttpHandler
                    {
                        EnableMultipleHttp2Connections = true,
                        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                        AutomaticDecompression = DecompressionMethods.None,
                    },
                    MaxReceiveMessageSize = 16 * 1024 * 1024,
                });
            }
            return channel;
        }
    }

    public Accounts.AccountsClient Accounts => new(Channel("identity"));
    public BillingAccounts.BillingAccountsClient Billing => new(Channel("billing"));
    public Customers.CustomersClient Customers => new(Channel("customer"));

    public sealed record Launch(string Service, string Configuration, string CommandLine, string? EnvironmentName, string? OtlpEndpoint, int Pid);

    /// <summary>
    /// How DCP launched each service: the command lines, the configuration of the binaries that run, and what the
    /// running process's environment says (the hosting environment, where telemetry is exported).
    /// </summary>
    public IReadOnlyList<Launch> LaunchedAs()
    {
        var processes = ProcessTable.Read();
        var mine = processes.OwnedBy(Environment.ProcessId);
        var result = new List<Launch>();
        foreach (var service in Services)
        {
            var project = ServiceProject(service);
            var candidates = processes.All.Where(p => mine.Contains(p.Pid) && p.CommandLine.Contains(project, StringComparison.Ordinal)).ToList();
            // dotnet run (when DCP uses it) starts the service's own apphost from bin/<Configuration>/.
            var running = candidates.FirstOrDefault(p => p.CommandLine.Contains("/bin/", StringComparison.Ordinal)) ?? candidates.FirstOrDefault();
            var configuration = candidates.Select(p => ConfigurationOf(p.CommandLine)).FirstOrDefault(c => c is not null) ?? "unknown";
            var commandLines = string.Join("  <-  ", candidates.OrderByDescending(p => p.Pid).Select(p => p.CommandLine));
            var environment = running is null ? new Dictionary<string, string>() : EnvironmentOf(running.Pid);
            result.Add(new Launch(service, configuration, running is null ? "(no process found)" : commandLines,
                environment.GetValueOrDefault("DOTNET_ENVIRONMENT") ?? environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"),
                environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT"), running?.Pid ?? 0));
        }
        return result;
    }

    private static Dictionary<string, string> EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)).Where(v => v.Length == 2).GroupBy(v => v[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, string>();
        }
    }

    public static string ServiceProject(string service) => service switch
    {
        "identity" => "Partnership.IdentityRoles",
        "billing" => "Partnership.BillingAccount",
        "customer" => "Partnership.Customer",
        "notification" => "Partnership.Notification",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    private static string? ConfigurationOf(string commandLine)
    {
        foreach (var configuration in new[] { "Release", "Debug" })
            if (commandLine.Contains($"/bin/{configuration}/", StringComparison.Ordinal)
                || commandLine.Contains($"-c {configuration}", StringComparison.Ordinal)
                || commandLine.Contains($"--configuration {configuration}", StringComparison.Ordinal)
                || commandLine.Contains($"Configuration={configuration}", StringComparison.Ordinal))
                return configuration;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
        {
            foreach (var channel in _channels.Values) channel.Dispose();
            _channels.Clear();
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await App.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("The AppHost did not stop within 60 s; disposing it anyway.");
        }
        await App.DisposeAsync();
        await Logs.DisposeAsync();
    }
}

public sealed record Account(string Id, string Email, string Token)
{
    public Metadata Auth { get; } = new() { { "Authorization", "Bearer " + Token } };
}
