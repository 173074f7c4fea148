using Partnership.Cli.Hosting;

namespace Partnership.Cli.Profiles;

/// <summary>
/// What a command connects with, resolved from lowest to highest precedence: the AppHost's local ports, the profile
/// (--profile, else $PARTNERSHIP_PROFILE, else the file's current one), then environment variables
/// (PARTNERSHIP_&lt;SERVICE&gt;_URL, PARTNERSHIP_TOKEN).
/// </summary>
public sealed record Settings(string ProfileName, bool ProfileExists, IReadOnlyDictionary<string, string> Endpoints, string? Token)
{
    public static readonly IReadOnlyDictionary<string, string> LocalEndpoints = new Dictionary<string, string>
    {
        ["identity"] = "http://127.0.0.1:5121",
        ["billing"] = "http://127.0.0.1:5131",
        ["customer"] = "http://127.0.0.1:5111",
        ["notification"] = "http://127.0.0.1:5141",
    };

    public static IReadOnlyList<string> Services => [.. LocalEndpoints.Keys];

    public static Settings Resolve(string? profileOption)
    {
        var file = ProfileFile.Load(ProfileFile.PathFromEnvironment());
        var name = profileOption ?? Environment.GetEnvironmentVariable("PARTNERSHIP_PROFILE") ?? file.Current ?? "default";
        var exists = file.Profiles.TryGetValue(name, out var profile);
        // Naming a profile that is not there is a mistake; running with none at all is the local development default.
        if (!exists && (profileOption is not null || Environment.GetEnvironmentVariable("PARTNERSHIP_PROFILE") is { Length: > 0 }))
            throw new UsageException($"No profile named '{name}' in {ProfileFile.PathFromEnvironment()} (create it with: profile set {name} ...).");

        var endpoints = new Dictionary<string, string>(LocalEndpoints);
        foreach (var (service, url) in profile?.Endpoints ?? []) endpoints[service] = url;
        foreach (var service in Services)
            if (Environment.GetEnvironmentVariable($"PARTNERSHIP_{service.ToUpperInvariant()}_URL") is { Length: > 0 } url)
                endpoints[service] = url;
        var token = Environment.GetEnvironmentVariable("PARTNERSHIP_TOKEN") is { Length: > 0 } fromEnv ? fromEnv : profile?.Token;
        return new Settings(name, exists, endpoints, token);
    }
}
