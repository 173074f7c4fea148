using Microsoft.IdentityModel.Tokens;

namespace Partnership.ServiceDefaults.Authentication;

/// <summary>
/// Public keys known in this process: Identity/Roles registers its own so it validates without calling itself;
/// every other service fetches them from the issuer's JWKS.
/// </summary>
public interface IIssuerSigningKeys
{
    IReadOnlyList<SecurityKey> PublicKeys { get; }
}
