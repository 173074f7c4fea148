using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Partnership.Benchmarks;

/// <summary>
/// The test servers the test suite uses (scripts/test-infra.sh): PostgreSQL on 127.0.0.1:5432 and RabbitMQ on
/// 127.0.0.1:5672 (management on 15672). A run gets its own database and virtual host and drops both at the end.
/// </summary>
public sealed class TestServers
{
    public const string PostgresAdmin = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5";
    public static readonly Uri Amqp = new("amqp://guest:guest@127.0.0.1:5672/");
    public static readonly Uri Management = new("http://127.0.0.1:15672/");

    public static async Task EnsureUp(string repositoryRoot)
    {
        if (await PostgresAnswers() && await RabbitAnswers()) return;
        var script = Path.Combine(repositoryRoot, "scripts", "test-infra.sh");
        Console.WriteLine($"The test servers do not answer; running {script} up");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "up"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not run {script}");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} up failed with exit code {process.ExitCode}");
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabase(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        // FORCE: a service process that outlived its AppHost must not keep the database alive.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new RabbitMQ virtual host the guest user may use; returns its AMQP URI.</summary>
    public static async Task<Uri> CreateVirtualHost(string name)
    {
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{Uri.EscapeDataString(name)}/guest", permissions)).EnsureSuccessStatusCode();
        return new UriBuilder(Amqp) { Path = "/" + name }.Uri;
    }

    public static async Task DeleteVirtualHost(string name)
    {
        using var http = ManagementClient();
        var response = await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}");
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            response.EnsureSuccessStatusCode();
    }

    /// <summary>What a reader needs to judge the raw figures: versions and the durability settings.</summary>
    public static async Task<string> Describe()
    {
        var facts = new List<string>();
        await using (var connection = new NpgsqlConnection(PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), " +
                "current_setting('shared_buffers'), current_setting('max_connections')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            facts.Add($"PostgreSQL {reader.GetString(0).Split(' ')[0]} (fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, " +
                $"shared_buffers={reader.GetString(3)}, max_connections={reader.GetString(4)})");
        }
        try
        {
            using var http = ManagementClient();
            using var overview = JsonDocument.Parse(await http.GetStringAsync("api/overview"));
            facts.Add($"RabbitMQ {overview.RootElement.GetProperty("rabbitmq_version").GetString()} " +
                $"(Erlang {overview.RootElement.GetProperty("erlang_version").GetString()})");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException)
        {
            facts.Add("RabbitMQ (version unknown: " + e.Message + ")");
        }
        return string.Join("; ", facts);
    }

    private static HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(30) };
        var user = Uri.UnescapeDataString(Amqp.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }

    private static async Task<bool> PostgresAnswers()
    {
        try
        {
            await using var connection = new NpgsqlConnection(PostgresAdmin);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> RabbitAnswers()
    {
        try
        {
            using var http = ManagementClient();
            return (await http.GetAsync("api/overview")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Partnership.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Partnership.sln not found above the benchmark binaries.");
    }
}
