using System.Net;
using System.Text.Json;
using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.EndToEndTests;

/// <summary>Each token rule, against every running service. A refusal is UNAUTHENTICATED, whatever the rule.</summary>
[Collection(SystemCollection.Name)]
public sealed class TokenTests(PartnershipSystem system)
{
    // Read when each token is made: the system takes a while to start after this class loads.
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Every case but "issuer-key, valid claims" must be refused; that one proves the forging itself is sound.</summary>
    private static readonly Dictionary<string, Func<ForgedTokens, string>> Forged = new()
    {
        ["hs256"] = _ => ForgedTokens.WithHmac("HS256", ForgedTokens.Valid()),
        ["hs384"] = _ => ForgedTokens.WithHmac("HS384", ForgedTokens.Valid()),
        ["alg none"] = _ => ForgedTokens.Unsigned(ForgedTokens.Valid()),
        ["another EC key"] = f => f.WithOtherEcKey(ForgedTokens.Valid()),
        ["lifetime 25 h"] = f => f.WithIssuerKey(ForgedTokens.Claims(Now.AddMinutes(-1), TimeSpan.FromHours(25))),
        ["lifetime 100 years"] = f => f.WithIssuerKey(ForgedTokens.Claims(Now.AddMinutes(-1), TimeSpan.FromDays(36525))),
        ["lifetime 1 h 1 min"] = f => f.WithIssuerKey(ForgedTokens.Claims(Now.AddSeconds(-5), TimeSpan.FromMinutes(61))),
        ["expired 290 s ago"] = f => f.WithIssuerKey(ForgedTokens.Claims(Now.AddSeconds(-890), TimeSpan.FromMinutes(10))),
        ["nbf 90 s ahead"] = f => f.WithIssuerKey(ForgedTokens.Claims(Now.AddSeconds(90), TimeSpan.FromMinutes(10))),
        ["no nbf"] = f => f.WithIssuerKey(Without(ForgedTokens.Valid(), "nbf")),
        ["no exp"] = f => f.WithIssuerKey(Without(ForgedTokens.Valid(), "exp")),
        ["no sub"] = f => f.WithIssuerKey(Without(ForgedTokens.Valid(), "sub")),
        ["another issuer"] = f => f.WithIssuerKey(With(ForgedTokens.Valid(), "iss", "someone-else")),
        ["another audience"] = f => f.WithIssuerKey(With(ForgedTokens.Valid(), "aud", new[] { "elsewhere" })),
        ["no audience"] = f => f.WithIssuerKey(Without(ForgedTokens.Valid(), "aud")),
    };

    public static TheoryData<string, string> Refusals()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in Forged.Keys)
            foreach (var service in PartnershipSystem.Services) data.Add(rule, service);
        return data;
    }

    public static TheoryData<string> Services() => [.. PartnershipSystem.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_token_from_the_issuer_is_accepted(string service)
    {
        var status = await Probe(service, system.Operator.Token);
        Assert.NotEqual(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_token_made_with_the_issuer_key_and_the_issuer_claims_is_accepted(string service)
    {
        var status = await Probe(service, (await Forger()).WithIssuerKey(ForgedTokens.Valid()));
        Assert.NotEqual(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_token_breaking_a_rule_is_refused(string rule, string service)
    {
        var status = await Probe(service, Forged[rule](await Forger()));
        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
        Assert.StartsWith("The bearer token was refused", status.Detail);
    }

    [Fact]
    public async Task A_missing_token_is_told_apart_from_a_refused_one()
    {
        var status = await Probe("billing", null);
        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
        Assert.Equal("A bearer token for an account is required.", status.Detail);
        var expired = await Probe("billing", (await Forger()).WithIssuerKey(ForgedTokens.Claims(Now.AddSeconds(-890), TimeSpan.FromMinutes(10))));
        Assert.Contains("expired", expired.Detail);
    }

    [Fact]
    public async Task A_token_narrowed_to_one_audience_opens_only_that_service()
    {
        var response = await Ask(new() { ["client_secret"] = system.ClientSecret, ["account_id"] = ForgedTokens.Subject, ["role"] = "operator", ["audience"] = "notification" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var token = response.Body.GetProperty("access_token").GetString()!;
        Assert.NotEqual(StatusCode.Unauthenticated, (await Probe("notification", token)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Probe("billing", token)).StatusCode);
    }

    [Fact]
    public async Task The_issuer_writes_every_claim_and_at_most_an_hour()
    {
        var response = await Ask(new() { ["client_secret"] = system.ClientSecret, ["account_id"] = "abc123" });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(3600, response.Body.GetProperty("expires_in").GetInt32());
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(response.Body.GetProperty("access_token").GetString());
        Assert.Equal("ES256", token.Alg);
        Assert.Equal("abc123", token.Subject);
        Assert.Equal(TokenRules.DefaultIssuerName, token.Issuer);
        Assert.Equal(TokenRules.Audiences.Order(), token.Audiences.Order());
        Assert.False(token.TryGetPayloadValue<string>("role", out _));
        Assert.NotEmpty(token.Id);
        Assert.Equal(TimeSpan.FromHours(1), token.ValidTo - token.ValidFrom);
        Assert.Equal(token.IssuedAt, token.ValidFrom);
    }

    [Theory]
    [InlineData("wrong secret", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("no secret", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("role admin", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("unknown audience", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("two hours", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("no account", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task The_token_endpoint_refuses_and_issues_nothing(string what, HttpStatusCode expected, string error)
    {
        var form = new Dictionary<string, string> { ["client_secret"] = system.ClientSecret, ["account_id"] = ForgedTokens.Subject };
        switch (what)
        {
            case "wrong secret": form["client_secret"] = "not-" + system.ClientSecret; form["role"] = "operator"; break;
            case "no secret": form.Remove("client_secret"); break;
            case "role admin": form["role"] = "admin"; break;
            case "unknown audience": form["audience"] = "billing elsewhere"; break;
            case "two hours": form["expires_in"] = "7200"; break;
            case "no account": form.Remove("account_id"); break;
        }
        var response = await Ask(form);
        Assert.Equal(expected, response.Status);
        Assert.Equal(error, response.Body.GetProperty("error").GetString());
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task The_published_keys_are_public_only()
    {
        using var http = new HttpClient { BaseAddress = system.IssuerAddress };
        using var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json"));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.EnumerateObject().Select(p => p.Name).Order());
        Assert.DoesNotContain("\"d\"", jwks.RootElement.GetRawText());
        var discovery = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        Assert.Equal(TokenRules.DefaultIssuerName, discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
    }

    /// <summary>One authenticated call per service; any answer but UNAUTHENTICATED means the token was accepted.</summary>
    private async Task<Status> Probe(string service, string? token)
    {
        var auth = token is null ? new Metadata() : new Metadata { { "Authorization", "Bearer " + token } };
        try
        {
            Task call = service switch
            {
                "identity" => system.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = ForgedTokens.Subject }, auth).ResponseAsync,
                "billing" => system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), auth).ResponseAsync,
                "customer" => system.Customers.ListCustomersAsync(new ListCustomersRequest(), auth).ResponseAsync,
                "notification" => system.Emails.ListDeliveriesAsync(new ListDeliveriesRequest(), auth).ResponseAsync,
                _ => throw new ArgumentOutOfRangeException(nameof(service)),
            };
            await call;
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private async Task<ForgedTokens> Forger()
    {
        using var http = new HttpClient { BaseAddress = system.IssuerAddress };
        using var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json"));
        return new ForgedTokens(system.IssuerKey, jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Ask(Dictionary<string, string> form)
    {
        using var http = new HttpClient { BaseAddress = system.IssuerAddress };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value)
    {
        claims[name] = value;
        return claims;
    }
}
