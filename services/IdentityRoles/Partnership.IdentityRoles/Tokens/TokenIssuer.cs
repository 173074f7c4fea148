using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Tokens;

public sealed record IssuedToken(string AccessToken, TimeSpan Lifetime);

/// <summary>Signs access tokens with ES256: sub, the operator role when granted, iss, aud, iat, nbf, exp, jti.</summary>
public sealed class TokenIssuer(IssuerKey key, IOptions<IssuerOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(string accountId, bool asOperator, IReadOnlyList<string> audiences, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TokenRules.MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), "An access token lives at most an hour.");
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = accountId,
            [JwtRegisteredClaimNames.Aud] = audiences.ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (asOperator) claims[TokenRules.RoleClaim] = Roles.Operator;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Name,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
        return new IssuedToken(token, lifetime);
    }
}
