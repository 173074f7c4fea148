using Microsoft.IdentityModel.Tokens;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IntegrationTests.Authentication;

/// <summary>The lifetime rule at its edges: an hour at most, 30 s of skew either way.</summary>
public sealed class LifetimeRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-5, 3600)]
    [InlineData(29, 600)]      // nbf 29 s ahead: inside the skew
    [InlineData(-629, 600)]    // expired 29 s ago: inside the skew
    public void Accepted(int notBeforeSeconds, int lifetimeSeconds)
    {
        var nbf = Now.AddSeconds(notBeforeSeconds);
        Assert.True(TokenRules.LifetimeAcceptable(nbf, nbf.AddSeconds(lifetimeSeconds), null, Now));
    }

    [Theory]
    [InlineData(-5, 3601, typeof(SecurityTokenInvalidLifetimeException))]
    [InlineData(-60, 25 * 3600, typeof(SecurityTokenInvalidLifetimeException))]
    [InlineData(31, 600, typeof(SecurityTokenNotYetValidException))]
    [InlineData(90, 600, typeof(SecurityTokenNotYetValidException))]
    [InlineData(-631, 600, typeof(SecurityTokenExpiredException))]
    [InlineData(-890, 600, typeof(SecurityTokenExpiredException))]
    public void Refused(int notBeforeSeconds, int lifetimeSeconds, Type refusal)
    {
        var nbf = Now.AddSeconds(notBeforeSeconds);
        Assert.Throws(refusal, () => TokenRules.LifetimeAcceptable(nbf, nbf.AddSeconds(lifetimeSeconds), null, Now));
    }

    [Fact]
    public void Both_nbf_and_exp_are_required()
    {
        Assert.Throws<SecurityTokenNoExpirationException>(() => TokenRules.LifetimeAcceptable(null, Now.AddMinutes(5), null, Now));
        Assert.Throws<SecurityTokenNoExpirationException>(() => TokenRules.LifetimeAcceptable(Now, null, null, Now));
    }
}
