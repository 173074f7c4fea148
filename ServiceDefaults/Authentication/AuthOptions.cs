namespace Partnership.ServiceDefaults.Authentication;

/// <summary>
/// How a service checks the bearer tokens Identity/Roles issues. No service but Identity holds a key:
/// the others fetch the issuer's public keys (JWKS) from <see cref="Authority"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Base address of the issuer's HTTP endpoint. Empty: "http://identity" through service discovery when the
    /// AppHost referenced identity (services__identity__http__0).
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>This service's audience: its service name, set in code by <see cref="AuthenticationExtensions.AcceptTokensFor"/>.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The "iss" every token carries (Auth:Issuer:Name).</summary>
    public string IssuerName { get; set; } = TokenRules.DefaultIssuerName;
}

public static class Roles
{
    /// <summary>Staff of the cloud provider: register accounts, assign partner status, watch deliveries.</summary>
    public const string Operator = "operator";
}
