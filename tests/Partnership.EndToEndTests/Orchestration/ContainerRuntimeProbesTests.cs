using Partnership.AppHost.Infrastructure;

namespace Partnership.EndToEndTests.Orchestration;

/// <summary>Which container runtime DCP is told of when the AppHost runs no containers: one it will not find, so it probes nothing.</summary>
public sealed class ContainerRuntimeProbesTests : IDisposable
{
    private readonly string _withDocker = Directory.CreateTempSubdirectory("probes-docker-").FullName;
    private readonly string _withPodman = Directory.CreateTempSubdirectory("probes-podman-").FullName;

    public ContainerRuntimeProbesTests()
    {
        File.WriteAllText(Path.Combine(_withDocker, "docker"), "");
        File.WriteAllText(Path.Combine(_withPodman, "podman"), "");
    }

    [Fact]
    public void A_runtime_whose_client_is_not_on_the_path_is_named()
    {
        Assert.Equal("podman", ContainerRuntimeProbes.Unprobed([null, "", null], _withDocker));
        Assert.Equal("docker", ContainerRuntimeProbes.Unprobed([null, null, null], _withPodman));
        Assert.Equal("podman", ContainerRuntimeProbes.Unprobed([null, null, null], null));
    }

    [Fact]
    public void Nothing_is_named_when_the_operator_chose_a_runtime_or_both_clients_are_installed()
    {
        Assert.Null(ContainerRuntimeProbes.Unprobed([null, "docker", null], _withDocker));
        Assert.Null(ContainerRuntimeProbes.Unprobed(["podman", null, null], ""));
        Assert.Null(ContainerRuntimeProbes.Unprobed([null, null, null], string.Join(Path.PathSeparator, _withDocker, _withPodman)));
    }

    public void Dispose()
    {
        Directory.Delete(_withDocker, true);
        Directory.Delete(_withPodman, true);
    }
}
