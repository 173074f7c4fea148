using System.Text.Json;

namespace Partnership.Cli;

/// <summary>
/// The development signing key: PARTNERSHIP_SIGNING_KEY, else the one the AppHost generated and keeps in
/// its user secrets (so tokens minted here are accepted by the running system).
/// </summary>
internal static class SigningKey
{
    private const string AppHostUserSecretsId = "partnership-apphost-7c1e";

    public static string Load()
    {
        if (Environment.GetEnvironmentVariable("PARTNERSHIP_SIGNING_KEY") is { Length: > 0 } fromEnv) return fromEnv;
        var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets",
            AppHostUserSecretsId, "secrets.json");
        if (File.Exists(path))
        {
            using var secrets = JsonDocument.Parse(File.ReadAllText(path));
            if (secrets.RootElement.TryGetProperty("Parameters:auth-signing-key", out var key)) return key.GetString()!;
        }
        throw new InvalidOperationException(
            $"No signing key: start the system once (scripts/run.sh) so the AppHost generates one in {path}, or set PARTNERSHIP_SIGNING_KEY.");
    }
}
