using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Partnership.ServiceDefaults.Authentication;

/// <summary>The rules every access token obeys; the issuer and every validator read them from here.</summary>
public static class TokenRules
{
    public const string DefaultIssuerName = "partnership-identity";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;
    public const string RoleClaim = "role";

    /// <summary>Services forward the caller's token to each other, so a token names every service it may reach.</summary>
    public static readonly IReadOnlyList<string> Audiences = ["identity", "billing", "customer", "notification"];

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One algorithm (ES256), our issuer, this service's audience, exp and nbf both present and checked with 30 s of
    /// skew, and no lifetime over an hour, even when the signature is ours.
    /// </summary>
    public static TokenValidationParameters Parameters(string issuer, string audience, TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        return new TokenValidationParameters
        {
            ValidAlgorithms = [Algorithm],
            ValidIssuer = issuer,
            ValidAudience = audience,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, token, _) => LifetimeAcceptable(notBefore, expires, token, time.GetUtcNow().UtcDateTime),
            NameClaimType = JwtRegisteredClaimNames.Sub,
            RoleClaimType = RoleClaim,
        };
    }

    /// <summary>
    /// Replaces the default lifetime check: nbf is required too, and the span from nbf (or an earlier iat) to exp is
    /// capped. Throws the specific refusal so the caller learns which rule failed.
    /// </summary>
    public static bool LifetimeAcceptable(DateTime? notBefore, DateTime? expires, SecurityToken? token, DateTime utcNow)
    {
        if (notBefore is not { } nbf || expires is not { } exp)
            throw new SecurityTokenNoExpirationException("The token must carry both nbf and exp.");
        var issuedAt = token is JsonWebToken { IssuedAt: var iat } && iat > DateTime.MinValue ? iat : nbf;
        var start = issuedAt < nbf ? issuedAt : nbf;
        if (exp - start > MaxLifetime)
            throw new SecurityTokenInvalidLifetimeException($"The token lives longer than {MaxLifetime.TotalMinutes:0} minutes.")
                { NotBefore = nbf, Expires = exp };
        if (utcNow < nbf - ClockSkew)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        if (utcNow >= exp + ClockSkew)
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        return true;
    }
}
