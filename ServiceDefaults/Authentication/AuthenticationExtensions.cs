using System.IdentityModel.Tokens.Jwt;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Partnership.ServiceDefaults.Authentication;

public static class AuthenticationExtensions
{
    public static TBuilder AddPartnershipAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(options.SigningKey))
            throw new InvalidOperationException("Auth:SigningKey is not configured (the AppHost provides one in development).");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = DevelopmentTokens.SigningKeyFrom(options.SigningKey),
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                    RoleClaimType = "role",
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>The authenticated account, or UNAUTHENTICATED.</summary>
    public static string CallerAccountId(this ServerCallContext context) =>
        context.GetHttpContext().User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } id
            ? id
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "A bearer token for an account is required."));

    public static bool CallerIsOperator(this ServerCallContext context) =>
        context.GetHttpContext().User.IsInRole(Roles.Operator);

    public static void RequireOperator(this ServerCallContext context)
    {
        context.CallerAccountId();
        if (!context.CallerIsOperator())
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only an operator may do this."));
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
