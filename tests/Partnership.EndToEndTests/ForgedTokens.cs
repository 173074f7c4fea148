using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.EndToEndTests;

/// <summary>
/// Tokens made by hand, to try each validation rule: the issuer's real key (the harness generated it) with claims
/// the issuer never writes, or other keys and algorithms with the claims it does write.
/// </summary>
public sealed class ForgedTokens(ECDsa issuerKey, string issuerKid)
{
    public const string Subject = "ajeoperator000000000";

    /// <summary>What the issuer itself would write; each case changes one thing.</summary>
    public static Dictionary<string, object> Claims(DateTimeOffset notBefore, TimeSpan lifetime, object? audience = null) => new()
    {
        ["iss"] = TokenRules.DefaultIssuerName,
        ["sub"] = Subject,
        ["role"] = Roles.Operator,
        ["aud"] = audience ?? TokenRules.Audiences.ToArray(),
        ["iat"] = notBefore.ToUnixTimeSeconds(),
        ["nbf"] = notBefore.ToUnixTimeSeconds(),
        ["exp"] = (notBefore + lifetime).ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
    };

    public static Dictionary<string, object> Valid() => Claims(DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(10));

    public string WithIssuerKey(Dictionary<string, object> claims) =>
        Sign(new ECDsaSecurityKey(issuerKey) { KeyId = issuerKid }, SecurityAlgorithms.EcdsaSha256, claims);

    /// <summary>Another P-256 key that even claims the issuer's kid.</summary>
    public string WithOtherEcKey(Dictionary<string, object> claims)
    {
        var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Sign(new ECDsaSecurityKey(other) { KeyId = issuerKid }, SecurityAlgorithms.EcdsaSha256, claims);
    }

    public static string WithHmac(string algorithm, Dictionary<string, object> claims) =>
        Sign(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), algorithm, claims);

    public static string Unsigned(Dictionary<string, object> claims)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part(System.Text.Json.JsonSerializer.Serialize(claims))}.";
    }

    private static string Sign(SecurityKey key, string algorithm, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
}
