using System.Diagnostics;

namespace Partnership.AppHost.Infrastructure;

public enum InfrastructureMode { Containers, Local, External }

public static class InfrastructureModes
{
    public static InfrastructureMode Resolve(string? configured) => (configured ?? "auto").ToLowerInvariant() switch
    {
        "containers" => DockerEngineAnswers() ? InfrastructureMode.Containers
            : Fail("Infrastructure:Mode is containers but no Docker engine answers (`docker info` fails). Use local."),
        "local" => InfrastructureMode.Local,
        "external" => InfrastructureMode.External,
        "auto" => DockerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local,
        var other => Fail($"Infrastructure:Mode '{other}' is not one of auto, containers, local, external."),
    };

    /// <summary>The docker client exists on machines with no engine; only an answering daemon counts.</summary>
    public static bool DockerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(5000))
            {
                docker.Kill(true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Infrastructure that cannot start is said plainly, and the AppHost exits non-zero.</summary>
    public static InfrastructureMode Fail(string why)
    {
        Console.Error.WriteLine($"Partnership AppHost: {why}");
        Environment.Exit(1);
        return default;
    }
}
