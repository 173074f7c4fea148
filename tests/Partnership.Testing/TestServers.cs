using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Partnership.Testing;

/// <summary>
/// Real PostgreSQL and RabbitMQ for the tests: containers when a Docker engine answers, otherwise the
/// local Debian servers that scripts/test-infra.sh starts (started here too if they do not answer).
/// Each test gets its own database and its own RabbitMQ virtual host, so tests cannot see each other.
/// Shared by the integration tests (as their xunit fixture), the end-to-end system and the load benchmark.
/// </summary>
public class TestServers
{
    private PostgreSqlContainer? _postgresContainer;
    private RabbitMqContainer? _rabbitContainer;
    // What this run made on the shared local servers, removed at dispose: left there, every virtual host
    // adds about 0.4 s to the broker's next boot (scripts/test-infra.sh sweeps what a killed run leaves).
    private readonly List<string> _databases = [];
    private readonly List<Uri> _virtualHosts = [];

    public string PostgresAdmin { get; private set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
    public Uri RabbitAmqp { get; private set; } = new("amqp://guest:guest@127.0.0.1:5672/");
    public Uri RabbitManagement { get; private set; } = new("http://127.0.0.1:15672/");

    public virtual async Task InitializeAsync()
    {
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is not null)
        {
            _postgresContainer = new PostgreSqlBuilder("postgres:15").Build();
            _rabbitContainer = new RabbitMqBuilder("rabbitmq:3-management").Build();
            await Task.WhenAll(_postgresContainer.StartAsync(), _rabbitContainer.StartAsync());
            PostgresAdmin = _postgresContainer.GetConnectionString();
            RabbitAmqp = new Uri(_rabbitContainer.GetConnectionString());
            RabbitManagement = new Uri($"http://{_rabbitContainer.Hostname}:{_rabbitContainer.GetMappedPublicPort(15672)}/");
            return;
        }
        if (!await PostgresAnswers() || !await RabbitAnswers()) StartLocalServers();
    }

    public virtual async Task DisposeAsync()
    {
        string[] databases;
        Uri[] virtualHosts;
        lock (_databases) (databases, virtualHosts) = (_databases.ToArray(), _virtualHosts.ToArray());
        if (_postgresContainer is null)
        {
            foreach (var database in databases) await Try(() => DropDatabase(database));
            foreach (var vhost in virtualHosts) await Try(() => DeleteVirtualHost(vhost));
        }
        if (_postgresContainer is not null) await _postgresContainer.DisposeAsync();
        if (_rabbitContainer is not null) await _rabbitContainer.DisposeAsync();
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection)) await command.ExecuteNonQueryAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
        lock (_databases) _databases.Add(connectionString);
        return connectionString;
    }

    /// <summary>A new RabbitMQ virtual host the guest user may use; returns its AMQP URI.</summary>
    public async Task<Uri> CreateVirtualHost(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}";
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{vhost}/guest", permissions)).EnsureSuccessStatusCode();
        var amqp = new UriBuilder(RabbitAmqp) { Path = "/" + vhost }.Uri;
        lock (_databases) _virtualHosts.Add(amqp);
        return amqp;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, even while a straggling service still holds connections.</summary>
    public async Task DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteVirtualHost(Uri amqp)
    {
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{amqp.AbsolutePath.TrimStart('/')}");
    }

    // Cleanup is best effort: a failure here must not hide the tests' own outcome.
    private static async Task Try(Func<Task> cleanup)
    {
        try { await cleanup(); }
        catch (Exception e) when (e is NpgsqlException or HttpRequestException or TaskCanceledException) { }
    }

    public HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = RabbitManagement };
        var user = Uri.UnescapeDataString(RabbitAmqp.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }

    private async Task<bool> PostgresAnswers()
    {
        try
        {
            await using var connection = new NpgsqlConnection(PostgresAdmin + ";Timeout=3");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private async Task<bool> RabbitAnswers()
    {
        try
        {
            using var http = ManagementClient();
            return (await http.GetAsync("api/overview")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static void StartLocalServers()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-infra.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "up"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not run {script}");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} up failed with exit code {process.ExitCode}");
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Partnership.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Partnership.sln not found above the test binaries.");
    }
}
