using System.Net.Http.Json;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.Testing;

/// <summary>
/// The whole system as the AppHost runs it: four service processes on real PostgreSQL (a fresh database)
/// and RabbitMQ (a fresh virtual host), mail going to a real SMTP server in this process, an <see cref="EventTap"/>
/// on the integration exchanges. One start-up for the end-to-end tests and the load benchmark.
/// </summary>
/// <param name="appHost">The AppHost's entry point type (<c>typeof(Projects.Partnership_AppHost)</c>).</param>
/// <param name="name">Prefix of the run's database and virtual host.</param>
public abstract class SystemUnderTest(Type appHost, string name)
{
    public const string OperatorId = "ajeoperator000000000";
    public const string OperatorEmail = "operator@partners.cloud.yandex.ru";
    public static readonly string[] Services = ["identity", "billing", "customer", "notification"];

    /// <summary>Generated per run and handed to the AppHost, so token tests can sign with the issuer's own key.</summary>
    public ECDsa IssuerKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    public TestServers Servers { get; } = new();
    private readonly Dictionary<string, GrpcChannel> _channels = new();
    private IssuerTokenClient _issuer = null!;

    public DistributedApplication App { get; private set; } = null!;
    public RecordingSmtpServer Smtp { get; } = new();
    public EventTap Tap { get; private set; } = null!;
    /// <summary>The test node's administrator (guest) on this system's virtual host; the services do not use it.</summary>
    public Uri Amqp { get; private set; } = null!;
    /// <summary>The administrator's connection string to this system's database.</summary>
    public string Postgres { get; private set; } = null!;
    public string OperatorToken { get; private set; } = null!;
    public Uri IssuerAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        var postgres = Postgres = await Servers.CreateDatabase(name);
        Amqp = await Servers.CreateVirtualHost(name);
        Smtp.Start();
        Tap = await EventTap.Bind(Amqp, TappedExchanges);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(appHost,
        [
            "--Infrastructure:Mode=external", $"--ConnectionStrings:postgres={postgres}", $"--ConnectionStrings:rabbitmq={Amqp}",
            $"--ConnectionStrings:smtp=smtp://127.0.0.1:{Smtp.Port}", $"--Parameters:auth-issuer-signing-key={Convert.ToBase64String(IssuerKey.ExportPkcs8PrivateKey())}",
            $"--Parameters:auth-issuer-client-secret={ClientSecret}",
            .. TestServiceLogins.AppHostArguments(Servers.RabbitManagement),
            .. MoreAppHostArguments,
        ]);
        // No dashboard runs here to take the services' telemetry: an exporter pointed at it would only retry its
        // connection all run long (several attempts a second per service, measurable as idle CPU).
        foreach (var service in Services)
            builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        // To explain a failing run afterwards: PARTNERSHIP_SERVICE_LOG_LEVELS="MassTransit=Debug;Partnership=Debug" sets
        // those categories' levels in every service (their output is in the test's detailed log).
        foreach (var (category, level) in ServiceLogLevels())
        foreach (var service in Services)
            builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment($"Logging__LogLevel__{category}", level);
        Configure(builder);
        App = await builder.BuildAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await App.StartAsync(start.Token);
        foreach (var service in Services) await App.ResourceNotifications.WaitForResourceHealthyAsync(service, start.Token);
        ExchangesWhenHealthy = await ListExchanges();
        IssuerAddress = App.GetEndpoint("identity", "http");
        _issuer = new IssuerTokenClient(IssuerAddress, ClientSecret);
        OperatorToken = await TokenFor(OperatorId, asOperator: true);
    }

    private static IEnumerable<(string Category, string Level)> ServiceLogLevels() =>
        (Environment.GetEnvironmentVariable("PARTNERSHIP_SERVICE_LOG_LEVELS") ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
        .Where(pair => pair.Length == 2)
        .Select(pair => (pair[0], pair[1]));

    /// <summary>For a variant of the system (e.g. more replicas).</summary>
    protected virtual IEnumerable<string> MoreAppHostArguments => [];

    /// <summary>The exchanges <see cref="Tap"/> binds its queue to: every published one, unless a kind of run needs fewer.</summary>
    protected virtual IReadOnlyList<string> TappedExchanges => EventTap.Exchanges;

    /// <summary>Settings of this kind of run (resources' environment, logging) before the app is built.</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>The exchanges of this system's virtual host right after every service was healthy, before any test ran.</summary>
    public IReadOnlySet<string> ExchangesWhenHealthy { get; private set; } = new HashSet<string>();

    /// <summary>The RabbitMQ management API of the test node, as its administrator.</summary>
    public HttpClient ManagementClient() => Servers.ManagementClient();

    private async Task<IReadOnlySet<string>> ListExchanges()
    {
        using var http = ManagementClient();
        var vhost = Uri.EscapeDataString(Uri.UnescapeDataString(Amqp.AbsolutePath.TrimStart('/')));
        var exchanges = await http.GetFromJsonAsync<ExchangeInfo[]>($"api/exchanges/{vhost}?columns=name") ?? [];
        return exchanges.Select(e => e.Name).ToHashSet();
    }

    private sealed record ExchangeInfo(string Name);

    /// <summary>A token from the running issuer, as the portal's login would get one.</summary>
    public Task<string> TokenFor(string accountId, bool asOperator = false) => _issuer.TokenFor(accountId, asOperator);

    public virtual async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        if (Tap is not null) await Tap.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await Servers.DisposeAsync();
        IssuerKey.Dispose();
    }

    public GrpcChannel Channel(string service)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(service, out var channel))
            {
                // Several HTTP/2 connections: one caps the calls in flight at the server's stream limit.
                var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
                _channels[service] = channel = GrpcChannel.ForAddress(App.GetEndpoint(service, "grpc"), new GrpcChannelOptions { HttpHandler = handler });
            }
            return channel;
        }
    }

    public Accounts.AccountsClient Accounts => new(Channel("identity"));
    public AccessBindings.AccessBindingsClient AccessBindings => new(Channel("identity"));
    public BillingAccounts.BillingAccountsClient Billing => new(Channel("billing"));
    public Customers.CustomersClient Customers => new(Channel("customer"));
    public ConfirmationEmails.ConfirmationEmailsClient Emails => new(Channel("notification"));

    /// <summary>Drops cached channels to a service whose process was restarted.</summary>
    public void Reconnect(string service)
    {
        lock (_channels)
            if (_channels.Remove(service, out var channel)) channel.Dispose();
    }
}
