using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Authentication;

public static class AuthenticationExtensions
{
    private const string JwksClient = "partnership-jwks";
    private const string FailureItem = "partnership-auth-failure";
    private const string KeysUnavailableItem = "partnership-auth-keys-unavailable";

    /// <summary>
    /// JWT bearer validation with <see cref="TokenRules"/>. Registering it needs no configuration, so hosts that serve
    /// no API can use ServiceDefaults; <see cref="EnsureTokenValidation"/> makes an API host refuse to start without keys.
    /// </summary>
    public static TBuilder AddPartnershipAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var config = builder.Configuration;
        builder.Services.AddOptions<AuthOptions>().Configure(o =>
        {
            o.Authority = config["Auth:Authority"] ?? "";
            o.IssuerName = config["Auth:Issuer:Name"] is { Length: > 0 } name ? name : TokenRules.DefaultIssuerName;
            if (o.Authority == "" && IssuerIsReferenced(config)) o.Authority = "http://identity";
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient(JwksClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IHttpClientFactory, IServiceProvider>((o, auth, http, services) =>
                Configure(o, auth.Value, http, services.GetService<IIssuerSigningKeys>()));
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>This service's audience: a token must name it.</summary>
    public static TBuilder AcceptTokensFor<TBuilder>(this TBuilder builder, string audience) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<AuthOptions>(o => o.Audience = audience);
        return builder;
    }

    /// <summary>A host that serves APIs fails at start, not at the first call, when it cannot check tokens.</summary>
    public static void EnsureTokenValidation(this IApplicationBuilder app)
    {
        var auth = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Audience == "")
            throw new InvalidOperationException("No token audience: the service must call AcceptTokensFor(its service name).");
        if (auth.Authority == "" && app.ApplicationServices.GetService<IIssuerSigningKeys>() is null)
            throw new InvalidOperationException(
                "No way to get the issuer's keys: set Auth:Authority to Identity/Roles' HTTP address, or reference identity from the AppHost.");
    }

    private static bool IssuerIsReferenced(IConfiguration config) =>
        config.GetSection("services:identity").GetChildren().Any();

    private static void Configure(JwtBearerOptions o, AuthOptions auth, IHttpClientFactory http, IIssuerSigningKeys? local)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = TokenRules.Parameters(auth.IssuerName, auth.Audience);
        if (local is not null)
            o.TokenValidationParameters.IssuerSigningKeys = local.PublicKeys;
        else if (auth.Authority != "")
            o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                auth.Authority.TrimEnd('/') + "/.well-known/jwks.json", new JwksRetriever(),
                // Plain HTTP inside the deployment's network, as every other call between services here.
                new HttpDocumentRetriever(http.CreateClient(JwksClient)) { RequireHttps = false })
            {
                AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
                // A token signed with a key we have not seen yet (rotation) fetches the set again, at most this often.
                RefreshInterval = TimeSpan.FromSeconds(30),
            };
        o.Events = new JwtBearerEvents
        {
            // The token handler goes on without keys when the JWKS cannot be fetched, which would read as a bad
            // signature; asking first (cached after the first success) tells "issuer unreachable" apart.
            OnMessageReceived = async ctx =>
            {
                if (ctx.Options.ConfigurationManager is not { } keys || ctx.Request.Headers.Authorization.Count == 0) return;
                try
                {
                    await keys.GetConfigurationAsync(ctx.HttpContext.RequestAborted);
                }
                catch (InvalidOperationException)
                {
                    ctx.HttpContext.Items[KeysUnavailableItem] = true;
                    ctx.HttpContext.Items[FailureItem] = new TokenFailure(ErrorReasons.Unavailable, "the issuer's keys could not be fetched");
                    ctx.NoResult();
                }
            },
            OnAuthenticationFailed = ctx =>
            {
                ctx.HttpContext.Items.TryAdd(FailureItem, Describe(ctx.Exception));
                return Task.CompletedTask;
            },
            OnTokenValidated = ctx =>
            {
                if (ctx.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is not { Length: > 0 })
                {
                    ctx.HttpContext.Items[FailureItem] = new TokenFailure(ErrorReasons.TokenInvalid, "it names no account (sub)");
                    ctx.Fail("The token names no account (sub).");
                }
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Why a token was refused: the reason code, and a short text for the detail.</summary>
    private sealed record TokenFailure(string Reason, string Text);

    /// <summary>A short reason for the caller; never the token itself nor key material. Only expiry asks for a new token.</summary>
    private static TokenFailure Describe(Exception e) => e is Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException
        ? new TokenFailure(ErrorReasons.TokenExpired, "it has expired")
        : new TokenFailure(ErrorReasons.TokenInvalid, DescribeInvalid(e));

    private static string DescribeInvalid(Exception e) => e switch
    {
        Microsoft.IdentityModel.Tokens.SecurityTokenNotYetValidException => "it is not valid yet",
        Microsoft.IdentityModel.Tokens.SecurityTokenNoExpirationException => "it lacks nbf or exp",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidLifetimeException => "it lives longer than an hour",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "it is not meant for this service",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "it comes from another issuer",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAlgorithmException => "its algorithm is not accepted",
        Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException or
            Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "its signature does not verify",
        _ => "it is malformed or cannot be verified",
    };

    /// <summary>
    /// The authenticated account, or UNAUTHENTICATED saying whether the token was missing or refused, with the reason
    /// TOKEN_MISSING, TOKEN_EXPIRED (get a new one) or TOKEN_INVALID (UNAVAILABLE when
    /// the issuer's keys could not be fetched: a retry may succeed).
    /// </summary>
    public static string CallerAccountId(this ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } id) return id;
        if (http.Items.ContainsKey(KeysUnavailableItem))
            throw Refusal.Create(StatusCode.Unavailable, "The token issuer's keys could not be fetched; try again.", ErrorReasons.Unavailable);
        if (http.Request.Headers.Authorization.Count == 0)
            throw Refusal.Create(StatusCode.Unauthenticated, "A bearer token for an account is required.", ErrorReasons.TokenMissing);
        // A header that is not "Bearer <token>" never reaches validation: the handler ignores it.
        var failure = http.Items[FailureItem] as TokenFailure ?? new TokenFailure(ErrorReasons.TokenInvalid, "it is malformed or cannot be verified");
        throw Refusal.Create(StatusCode.Unauthenticated, $"The bearer token was refused: {failure.Text}.", failure.Reason);
    }

    public static bool CallerIsOperator(this ServerCallContext context) =>
        context.GetHttpContext().User.IsInRole(Roles.Operator);

    public static void RequireOperator(this ServerCallContext context)
    {
        context.CallerAccountId();
        if (!context.CallerIsOperator())
            throw Refusal.Create(StatusCode.PermissionDenied, "Only an operator may do this.", ErrorReasons.PermissionDenied);
    }

    /// <summary>
    /// Calls to other services carry the caller's own token, so each service checks the same account
    /// and no service holds a key that opens everything.
    /// </summary>
    public static IHttpClientBuilder ForwardCallerToken(this IHttpClientBuilder client) =>
        client.AddCallCredentials((_, metadata, services) =>
        {
            var header = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request.Headers.Authorization.ToString();
            if (!string.IsNullOrEmpty(header)) metadata.Add("Authorization", header);
            return Task.CompletedTask;
        }).ConfigureChannel(o => o.UnsafeUseInsecureChannelCallCredentials = true);
}
