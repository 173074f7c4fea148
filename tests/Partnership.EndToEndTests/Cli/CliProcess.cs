using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Partnership.EndToEndTests.Cli;

/// <summary>
/// The CLI as a user runs it: `dotnet exec` of the built tools/Partnership.Cli, in its own process, with its own profiles
/// file and none of the PARTNERSHIP_* variables of the machine running the tests.
/// </summary>
public sealed class CliProcess : IDisposable
{
    // A bound on one run, so a hanging CLI fails the test instead of the suite; no assertion depends on timing.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("partnership-cli-").FullName;

    public string ConfigPath => Path.Combine(_directory, "profiles.json");

    /// <summary>Extra environment for every run (e.g. PARTNERSHIP_TOKEN); null removes a variable.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public static string Dll { get; } = FindDll();

    public async Task<CliResult> Run(params string[] args)
    {
        using var process = Start(args);
        using var bound = new CancellationTokenSource(Bound);
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"partnership {string.Join(' ', args)} did not finish within {Bound}.");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A run that keeps going (events tail, customers watch): read its lines, then dispose it to stop it.</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PARTNERSHIP_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["PARTNERSHIP_CONFIG"] = ConfigPath;
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The CLI built beside this test assembly's configuration (the project reference builds it first).</summary>
    private static string FindDll()
    {
        var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Partnership.sln")))
            {
                var dll = Path.Combine(directory.FullName, "tools", "Partnership.Cli", "bin", configuration, "net10.0", "partnership.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"No CLI at {dll}: build tools/Partnership.Cli ({configuration}) first.");
            }
        throw new InvalidOperationException($"No Partnership.sln above {AppContext.BaseDirectory}.");
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
