namespace Partnership.ServiceDefaults.Authentication;

/// <summary>
/// JWT settings. In development the AppHost generates the signing key and hands the same one to every
/// service, so a token minted with <see cref="DevelopmentTokens"/> is accepted everywhere.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "partnership";
    public string Audience { get; set; } = "partnership";
    public string SigningKey { get; set; } = "";
}

public static class Roles
{
    /// <summary>Staff of the cloud provider: register accounts, assign partner status, watch deliveries.</summary>
    public const string Operator = "operator";
}
