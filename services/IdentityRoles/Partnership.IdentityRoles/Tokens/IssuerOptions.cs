using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Tokens;

/// <summary>Auth:Issuer. Only Identity/Roles reads it: the signing key and the client secret reach no other service.</summary>
public sealed class IssuerOptions
{
    public const string Section = "Auth:Issuer";

    public string Name { get; set; } = TokenRules.DefaultIssuerName;

    /// <summary>ECDSA P-256 private key: PKCS#8 as base64 (what the AppHost generates) or PEM.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>What the token endpoint's caller proves itself with: the login front, or the development tools.</summary>
    public string ClientSecret { get; set; } = "";
}
