using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Tokens;

/// <summary>
/// The issuer's key pair. The kid is the public key's JWK thumbprint, so replicas given the same key publish the
/// same kid, and a new key never reuses an old kid.
/// </summary>
public sealed class IssuerKey : IIssuerSigningKeys, IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly ECDsa _private;
    private readonly ECDsa _public;

    public IssuerKey(IOptions<IssuerOptions> options)
    {
        _private = Load(options.Value.SigningKey);
        var parameters = _private.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != P256Oid)
            throw new InvalidOperationException("Auth:Issuer:SigningKey must be an ECDSA P-256 key (ES256).");
        _public = ECDsa.Create(parameters);
        Public = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv = JsonWebKeyECTypes.P256,
            X = Base64UrlEncoder.Encode(parameters.Q.X), Y = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        KeyId = Base64UrlEncoder.Encode(Public.ComputeJwkThumbprint());
        Public.Kid = KeyId;
        Public.Use = JsonWebKeyUseNames.Sig;
        Public.Alg = TokenRules.Algorithm;
        Credentials = new SigningCredentials(new ECDsaSecurityKey(_private) { KeyId = KeyId }, TokenRules.Algorithm);
        PublicKeys = [new ECDsaSecurityKey(_public) { KeyId = KeyId }];
    }

    public string KeyId { get; }

    /// <summary>Built from the public parameters only: nothing private can leak into the JWKS.</summary>
    public JsonWebKey Public { get; }

    public SigningCredentials Credentials { get; }

    public IReadOnlyList<SecurityKey> PublicKeys { get; }

    /// <summary>A fresh P-256 key as base64 PKCS#8: what the AppHost stores as the parameter.</summary>
    public static string Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    private static ECDsa Load(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidOperationException("Auth:Issuer:SigningKey is not configured (the AppHost generates one in development).");
        var key = ECDsa.Create();
        try
        {
            if (text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) key.ImportFromPem(text);
            else key.ImportPkcs8PrivateKey(Convert.FromBase64String(text.Trim()), out _);
            return key;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidOperationException("Auth:Issuer:SigningKey is not a PKCS#8 ECDSA private key (base64 or PEM).", e);
        }
    }

    public void Dispose()
    {
        _private.Dispose();
        _public.Dispose();
    }
}
