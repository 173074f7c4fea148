using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace Partnership.AppHost;

/// <summary>
/// The token issuer's secrets, generated on first run and kept in the AppHost's user secrets (never committed), and
/// handed to identity only: no other service can mint a token.
/// </summary>
internal static class TokenIssuerParameters
{
    /// <summary>The client secret's parameter; the dashboard's operator commands ask the issuer for tokens with it.</summary>
    public const string ClientSecretName = "auth-issuer-client-secret";

    public static IResourceBuilder<ProjectResource> WithTokenIssuerSecrets(this IResourceBuilder<ProjectResource> identity)
    {
        var builder = identity.ApplicationBuilder;
        // A published manifest asks the deployment for its own key rather than carrying an empty default.
        var signingKey = builder.ExecutionContext.IsRunMode
            ? builder.AddParameter("auth-issuer-signing-key", new EcdsaP256KeyDefault(), secret: true, persist: true)
            : builder.AddParameter("auth-issuer-signing-key", secret: true);
        var clientSecret = builder.AddParameter(ClientSecretName,
            new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
        return identity
            .WithEnvironment("Auth__Issuer__SigningKey", signingKey)
            .WithEnvironment("Auth__Issuer__ClientSecret", clientSecret);
    }

    /// <summary>A fresh ECDSA P-256 private key, PKCS#8 in base64: one line, so it survives env vars and the command line.</summary>
    private sealed class EcdsaP256KeyDefault : ParameterDefault
    {
        public override string GetDefaultValue()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
        }

        // Only used in run mode (see above): nothing to publish.
        public override void WriteToManifest(ManifestPublishingContext context)
        {
        }
    }
}
