using System.Diagnostics;
using Aspire.Hosting;
using Npgsql;
using Partnership.EndToEndTests;

namespace Partnership.FaultTests;

/// <summary>
/// The whole system (PartnershipSystem) with the services' PostgreSQL, RabbitMQ and SMTP behind this run's own
/// TCP proxies, and its service processes open to kill -9.
/// </summary>
public sealed class FaultySystem : PartnershipSystem
{
    public TcpProxy Database { get; private set; } = null!;
    public TcpProxy Broker { get; private set; } = null!;
    public TcpProxy Mail { get; private set; } = null!;

    /// <summary>
    /// Called by the base while it builds the AppHost, once the database, virtual host and SMTP server exist: the
    /// services (and the AppHost's access setup) get the proxies' addresses; later arguments win over the base's.
    /// </summary>
    protected override IEnumerable<string> MoreAppHostArguments
    {
        get
        {
            var postgres = new NpgsqlConnectionStringBuilder(Postgres);
            Database = TcpProxy.Start("postgresql", postgres.Host!, postgres.Port);
            Broker = TcpProxy.Start("rabbitmq", Amqp.Host, Amqp.Port);
            Mail = TcpProxy.Start("smtp", "127.0.0.1", Smtp.Port);
            postgres.Host = "127.0.0.1";
            postgres.Port = Database.Port;
            var amqp = new UriBuilder(Amqp) { Host = "127.0.0.1", Port = Broker.Port }.Uri;
            return
            [
                $"--ConnectionStrings:postgres={postgres.ConnectionString}", $"--ConnectionStrings:rabbitmq={amqp}",
                $"--ConnectionStrings:smtp=smtp://127.0.0.1:{Mail.Port}",
            ];
        }
    }

    /// <summary>
    /// The operating-system process of a service. DCP may start it through a launcher (dotnet run), so this is the
    /// process, among the resource's process and its descendants, that runs the service's own assembly.
    /// </summary>
    public int ServiceProcessId(string service)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(service, out var state))
            throw new InvalidOperationException($"No resource {service}.");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value
            ?? throw new InvalidOperationException($"{service} has no process id: {string.Join(", ", state.Snapshot.Properties.Select(p => p.Name))}");
        var root = Convert.ToInt32(pid);
        // The launcher's command line names the project too ("dotnet run --project .../X.csproj"): the service is the
        // process whose program is the built X (or "dotnet X.dll").
        var assembly = AssemblyOf(service);
        var found = SelfAndDescendants(root).Where(p => Program(p) is var program
            && (program.EndsWith("/" + assembly, StringComparison.Ordinal) || program.EndsWith("/" + assembly + ".dll", StringComparison.Ordinal))).ToList();
        return found.Count == 1 ? found[0] : throw new InvalidOperationException(
            $"{service}: {found.Count} processes run {assembly} under {root}: {string.Join("; ", SelfAndDescendants(root).Select(p => $"{p} {CommandLine(p)}"))}");
    }

    private static string AssemblyOf(string service) => service switch
    {
        "identity" => "Partnership.IdentityRoles",
        "billing" => "Partnership.BillingAccount",
        "customer" => "Partnership.Customer",
        "notification" => "Partnership.Notification",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>kill -9 of the service's process; returns, once it is gone, the moments just before and after.</summary>
    public async Task<(DateTime Before, DateTime After)> Kill(string service)
    {
        var pid = ServiceProcessId(service);
        using var process = Process.GetProcessById(pid);
        var before = DateTime.UtcNow;
        using var kill = Process.Start("kill", ["-9", pid.ToString()])!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -9 {pid} ({service}) failed with exit code {kill.ExitCode}.");
        await process.WaitForExitAsync();
        return (before, DateTime.UtcNow);
    }

    /// <summary>Has the AppHost start a killed service again (as an operator or an orchestrator would).</summary>
    public async Task StartAgain(string service, CancellationToken ct)
    {
        // DCP notices the exit on its own; a start before it has is refused.
        await App.ResourceNotifications.WaitForResourceAsync(service, s => s.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", ct);
        var result = await App.ResourceCommands.ExecuteCommandAsync(service, "start", ct);
        if (!result.Success) throw new InvalidOperationException($"start {service}: {result.Message}");
    }

    /// <summary>Waits until a restarted service is healthy, then drops the test's channels to its old process.</summary>
    public async Task Healthy(string service, CancellationToken ct)
    {
        await App.ResourceNotifications.WaitForResourceHealthyAsync(service, ct);
        Reconnect(service);
    }

    private static IEnumerable<int> SelfAndDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            yield return pid;
            foreach (var child in children.GetValueOrDefault(pid, [])) queue.Enqueue(child);
        }
    }

    /// <summary>The program a process runs: its first argument, or the second when the first is the dotnet host.</summary>
    private static string Program(int pid)
    {
        var args = CommandLine(pid).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return args.Length == 0 ? "" : args[0].EndsWith("dotnet", StringComparison.Ordinal) && args.Length > 1 ? args[1] : args[0];
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var proxy in new[] { Database, Broker, Mail })
            if (proxy is not null) await proxy.DisposeAsync();
    }
}
