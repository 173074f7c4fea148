using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Partnership.Contracts.Notification.V1;
using Partnership.ServiceDefaults;
using Partnership.ServiceDefaults.Authentication;
using Partnership.ServiceDefaults.Grpc;

namespace Partnership.IntegrationTests.Authentication;

/// <summary>
/// A small gRPC host wired exactly as the services are (AddServiceDefaults, AddGrpcDefaults, UseGrpcDefaults), with an
/// issuer key this test controls, so tokens the real issuer never writes can be signed with the trusted key.
/// </summary>
public sealed class TokenValidationHostTests : IAsyncLifetime
{
    private static readonly DirectoryInfo EmptyRoot = Directory.CreateTempSubdirectory("partnership-auth-");
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        var builder = Builder();
        builder.Services.AddSingleton<IIssuerSigningKeys>(new LocalKeys(new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(false))) { KeyId = "k1" }));
        _app = Build(builder);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task An_ES256_token_from_the_trusted_key_is_accepted() =>
        Assert.Equal(StatusCode.OK, await Call(Sign(Claims(TimeSpan.FromMinutes(10)), new ECDsaSecurityKey(_key) { KeyId = "k1" }, "ES256")));

    [Fact]
    public async Task A_trusted_key_cannot_make_a_25_hour_token() =>
        Assert.Equal(StatusCode.Unauthenticated, await Call(Sign(Claims(TimeSpan.FromHours(25)), new ECDsaSecurityKey(_key) { KeyId = "k1" }, "ES256")));

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    public async Task Hmac_tokens_are_refused(string algorithm) =>
        Assert.Equal(StatusCode.Unauthenticated, await Call(Sign(Claims(TimeSpan.FromMinutes(10)), new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), algorithm)));

    [Fact]
    public async Task A_token_for_another_service_is_refused() =>
        Assert.Equal(StatusCode.Unauthenticated, await Call(Sign(Claims(TimeSpan.FromMinutes(10), audience: "billing"), new ECDsaSecurityKey(_key) { KeyId = "k1" }, "ES256")));

    [Fact]
    public void Service_defaults_need_no_token_configuration()
    {
        using var host = Host.CreateApplicationBuilder().AddServiceDefaults().Build();
        Assert.NotNull(host.Services.GetService<IHostedService>());
    }

    [Fact]
    public async Task A_gRPC_host_without_a_way_to_get_keys_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(Builder()));
        Assert.Contains("Auth:Authority", error.Message);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_issuer_that_does_not_answer_is_UNAVAILABLE_not_a_refused_token()
    {
        var builder = Builder();
        builder.Configuration["Auth:Authority"] = "http://127.0.0.1:9"; // discard port: nothing listens
        await using var app = Build(builder);
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var token = Sign(Claims(TimeSpan.FromMinutes(10)), new ECDsaSecurityKey(_key) { KeyId = "k1" }, "ES256");
        Assert.Equal(StatusCode.Unavailable, await Call(token, channel));
    }

    private async Task<StatusCode> Call(string token, GrpcChannel? channel = null)
    {
        try
        {
            await new ConfirmationEmails.ConfirmationEmailsClient(channel ?? _channel).ListDeliveriesAsync(new ListDeliveriesRequest(),
                new Metadata { { "Authorization", "Bearer " + token } });
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static Dictionary<string, object> Claims(TimeSpan lifetime, string audience = "notification")
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-5);
        return new()
        {
            ["iss"] = TokenRules.DefaultIssuerName, ["sub"] = "ajeoperator000000000", ["role"] = Roles.Operator, ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.ToUnixTimeSeconds(), ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        };
    }

    private static string Sign(Dictionary<string, object> claims, SecurityKey key, string algorithm) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims, SigningCredentials = new SigningCredentials(key, algorithm),
        });

    private static WebApplicationBuilder Builder()
    {
        // An empty content root: the output folder holds a service's appsettings.json with fixed Kestrel ports.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = EmptyRoot.FullName });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddGrpcDefaults();
        builder.AcceptTokensFor("notification");
        return builder;
    }

    private static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseGrpcDefaults();
        app.MapGrpcService<OperatorOnlyDeliveries>();
        return app;
    }

    private sealed record LocalKeys(SecurityKey Key) : IIssuerSigningKeys
    {
        public IReadOnlyList<SecurityKey> PublicKeys => [Key];
    }

    /// <summary>Answers like the real service's first step: the caller must be an operator.</summary>
    private sealed class OperatorOnlyDeliveries : ConfirmationEmails.ConfirmationEmailsBase
    {
        public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
        {
            context.RequireOperator();
            return Task.FromResult(new ListDeliveriesResponse());
        }
    }
}
