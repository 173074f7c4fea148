using System.Text.Json;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.Cli.Development;

/// <summary>
/// The running system's token issuer (Identity/Roles' HTTP port) and the client secret the AppHost generated and keeps
/// in its user secrets. PARTNERSHIP_IDENTITY_HTTP_URL and PARTNERSHIP_ISSUER_CLIENT_SECRET override them.
/// </summary>
internal static class Issuer
{
    private const string AppHostUserSecretsId = "partnership-apphost-7c1e";
    private const string SecretParameter = "Parameters:auth-issuer-client-secret";

    public static IssuerTokenClient Client() =>
        new(new Uri(Environment.GetEnvironmentVariable("PARTNERSHIP_IDENTITY_HTTP_URL") ?? "http://127.0.0.1:5120"), ClientSecret());

    private static string ClientSecret()
    {
        if (Environment.GetEnvironmentVariable("PARTNERSHIP_ISSUER_CLIENT_SECRET") is { Length: > 0 } fromEnv) return fromEnv;
        var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets",
            AppHostUserSecretsId, "secrets.json");
        if (File.Exists(path))
        {
            using var secrets = JsonDocument.Parse(File.ReadAllText(path));
            if (secrets.RootElement.TryGetProperty(SecretParameter, out var secret)) return secret.GetString()!;
        }
        throw new InvalidOperationException(
            $"No client secret: start the system once (scripts/run.sh) so the AppHost generates one in {path}, or set PARTNERSHIP_ISSUER_CLIENT_SECRET.");
    }
}
