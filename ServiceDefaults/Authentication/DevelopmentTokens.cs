using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Partnership.ServiceDefaults.Authentication;

/// <summary>Mints HS256 tokens for a given account, signed with the development key.</summary>
public static class DevelopmentTokens
{
    public static string Mint(string accountId, string signingKey, IEnumerable<string>? roles = null,
        string issuer = "partnership", string audience = "partnership", TimeSpan? lifetime = null)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, accountId) };
        claims.AddRange((roles ?? []).Select(r => new Claim("role", r)));
        var token = new JwtSecurityToken(issuer, audience, claims, DateTime.UtcNow.AddMinutes(-1),
            DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromHours(12)),
            new SigningCredentials(SigningKeyFrom(signingKey), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static SymmetricSecurityKey SigningKeyFrom(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}
