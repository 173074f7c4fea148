using System.Reflection;

namespace Partnership.AppHost;

internal static class BuiltAssemblyLaunch
{
    /// <summary>
    /// DCP starts a project with <c>dotnet run --no-build</c>: an MSBuild evaluation of the project at every start
    /// (about 2 s of CPU, four at once at a start on a 2-core machine) and a launcher process that stays beside the
    /// service. The AppHost's build has just built the service, so run its assembly directly: <c>dotnet X.dll</c>
    /// (DCP still appends the project path and --configuration, which the service's configuration ignores as
    /// unknown keys). Without the built assembly (another layout, publish mode) DCP's default stays.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RunBuiltAssembly(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode) return project;
        var path = project.Resource.GetProjectMetadata().ProjectPath;
        var configuration = typeof(BuiltAssemblyLaunch).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        // The services target the AppHost's framework (Directory.Build.props): net10.0 for runtime 10.0.
        var assembly = Path.Combine(Path.GetDirectoryName(path)!, "bin", configuration, $"net{Environment.Version.ToString(2)}",
            Path.GetFileNameWithoutExtension(path) + ".dll");
        // Marked for evaluation in Aspire 13.6 (ASPIREPROJECTS001); if it goes, DCP's default launch is what remains.
#pragma warning disable ASPIREPROJECTS001
        return File.Exists(assembly) ? project.WithAnnotation(new ProjectLaunchArgsOverrideAnnotation([assembly])) : project;
#pragma warning restore ASPIREPROJECTS001
    }
}
