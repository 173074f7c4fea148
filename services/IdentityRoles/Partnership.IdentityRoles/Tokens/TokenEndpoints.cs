using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Tokens;

/// <summary>
/// Discovery, JWKS and the token endpoint on Identity/Roles' HTTP port. There is no login here: the caller proves
/// itself with the client secret. A production deployment puts its real login (the portal's sign-in) in front and
/// keeps the secret there.
/// </summary>
public static class TokenEndpoints
{
    public static WebApplicationBuilder AddTokenIssuer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IssuerOptions>().BindConfiguration(IssuerOptions.Section)
            .Validate(o => o.SigningKey.Length > 0, "Auth:Issuer:SigningKey is not configured (the AppHost generates one in development).")
            .Validate(o => o.ClientSecret.Length >= 32, "Auth:Issuer:ClientSecret must be at least 32 characters (the AppHost generates one).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IssuerKey>();
        builder.Services.AddSingleton<IIssuerSigningKeys>(sp => sp.GetRequiredService<IssuerKey>());
        builder.Services.AddSingleton<TokenIssuer>();
        return builder;
    }

    public static WebApplication MapTokenIssuer(this WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request, IOptions<IssuerOptions> options) =>
        {
            var self = $"{request.Scheme}://{request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = options.Value.Name,
                ["jwks_uri"] = $"{self}/.well-known/jwks.json",
                ["token_endpoint"] = $"{self}/connect/token",
                ["id_token_signing_alg_values_supported"] = new[] { TokenRules.Algorithm },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
                ["claims_supported"] = new[] { "sub", "role", "iss", "aud", "iat", "nbf", "exp", "jti" },
            });
        });
        app.MapGet("/.well-known/jwks.json", (IssuerKey key) => Results.Json(new
        {
            keys = new[] { new { kty = key.Public.Kty, use = key.Public.Use, alg = key.Public.Alg, kid = key.Public.Kid, crv = key.Public.Crv, x = key.Public.X, y = key.Public.Y } },
        }));
        app.MapPost("/connect/token", Issue).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Issue(HttpContext http, TokenIssuer issuer, IOptions<IssuerOptions> options)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!SecretMatches(form["client_secret"].ToString(), options.Value.ClientSecret))
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client secret is wrong.");
        var request = TokenRequest.Parse(form, out var error);
        if (error is not null) return Error(StatusCodes.Status400BadRequest, "invalid_request", error);
        var token = issuer.Issue(request.AccountId, request.AsOperator, request.Audiences, request.Lifetime);
        return Results.Json(new
        {
            access_token = token.AccessToken, token_type = "Bearer", expires_in = (int)token.Lifetime.TotalSeconds,
        });
    }

    /// <summary>Hashes first so the comparison takes the same time whatever the lengths.</summary>
    private static bool SecretMatches(string given, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
