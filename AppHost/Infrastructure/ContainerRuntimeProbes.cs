namespace Partnership.AppHost.Infrastructure;

/// <summary>
/// Without container resources (local or external servers), DCP still probes its container runtime every 5 s
/// (`docker --version`, `docker network ls`): on a machine with the docker client and no engine, the usual case here,
/// that cost 1.2 % of a core while the system idled (DCP with its probes 2.5 %, without them 1.3 %). DCP does not
/// probe a runtime whose client is not installed, so it is pointed at such a one, unless the operator chose a runtime
/// (DcpPublisher:ContainerRuntime, ASPIRE_CONTAINER_RUNTIME).
/// </summary>
public static class ContainerRuntimeProbes
{
    public const string Setting = "DcpPublisher:ContainerRuntime";
    private static readonly string[] Runtimes = ["podman", "docker"];

    public static void Quiet(IDistributedApplicationBuilder builder)
    {
        var chosen = new[] { Setting, "ASPIRE_CONTAINER_RUNTIME", "DOTNET_ASPIRE_CONTAINER_RUNTIME" }.Select(k => builder.Configuration[k]);
        if (Unprobed(chosen, Environment.GetEnvironmentVariable("PATH")) is { } runtime) builder.Configuration[Setting] = runtime;
    }

    /// <summary>The runtime to name so that DCP probes nothing; null when the operator chose one or every client is installed.</summary>
    public static string? Unprobed(IEnumerable<string?> chosen, string? path)
    {
        if (chosen.Any(c => !string.IsNullOrEmpty(c))) return null;
        var dirs = (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Runtimes.FirstOrDefault(cli => !dirs.Any(dir => File.Exists(Path.Combine(dir, cli))));
    }
}
