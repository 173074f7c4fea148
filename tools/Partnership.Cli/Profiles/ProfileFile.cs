using System.Text.Json;
using System.Text.Json.Serialization;
using Partnership.Cli.Hosting;

namespace Partnership.Cli.Profiles;

/// <summary>
/// The profiles file: per profile the services' gRPC endpoints and a bearer token, and which profile is current.
/// At $PARTNERSHIP_CONFIG, else ~/.config/partnership/profiles.json. It holds tokens, so it is written readable by its
/// owner only.
/// </summary>
public sealed class ProfileFile
{
    [JsonPropertyName("current")] public string? Current { get; set; }
    [JsonPropertyName("profiles")] public SortedDictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFromEnvironment() =>
        Environment.GetEnvironmentVariable("PARTNERSHIP_CONFIG") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "partnership", "profiles.json");

    public static ProfileFile Load(string path)
    {
        if (!File.Exists(path)) return new ProfileFile();
        try
        {
            return JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(path), Json) ?? new ProfileFile();
        }
        catch (JsonException e)
        {
            throw new UsageException($"The profiles file {path} is not valid JSON: {e.Message}");
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

public sealed class Profile
{
    /// <summary>Service name (identity, billing, customer, notification) to its gRPC address.</summary>
    [JsonPropertyName("endpoints")] public SortedDictionary<string, string> Endpoints { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("token")] public string? Token { get; set; }
}
