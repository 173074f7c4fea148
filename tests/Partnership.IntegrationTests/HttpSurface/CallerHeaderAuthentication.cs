using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Partnership.IntegrationTests.HttpSurface;

/// <summary>Test authentication: the x-caller header is the caller's sub, so tests can be different callers without tokens.</summary>
public sealed class CallerHeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "caller-header";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Request.Headers["x-caller"].ToString() is { Length: > 0 } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", caller)], Name)), Name))
            : AuthenticateResult.NoResult());
}
