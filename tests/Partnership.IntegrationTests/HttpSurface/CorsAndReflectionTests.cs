using System.Net;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Partnership.IntegrationTests.HttpSurface;

public sealed class CorsAndReflectionTests
{
    private const string Portal = "https://partners.example.com";

    private static async Task<HttpResponseMessage> Preflight(SurfaceHost host, string origin)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(host.Http, RawGrpc.ListCustomers));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,authorization");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Only_a_configured_origin_gets_cors_headers()
    {
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Portal });
        var allowed = await Preflight(host, Portal);
        Assert.Equal(Portal, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = await Preflight(host, "https://evil.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task By_default_no_origin_gets_cors_headers()
    {
        await using var host = await SurfaceHost.Start();
        var response = await Preflight(host, Portal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<StatusCode> ListServicesByReflection(SurfaceHost host)
    {
        var client = new ServerReflection.ServerReflectionClient(host.Channel);
        try
        {
            using var call = client.ServerReflectionInfo(SurfaceHost.Deadline());
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task Reflection_answers_in_development_only()
    {
        await using (var development = await SurfaceHost.Start("Development"))
            Assert.Equal(StatusCode.OK, await ListServicesByReflection(development));
        await using var production = await SurfaceHost.Start("Production");
        Assert.Equal(StatusCode.Unimplemented, await ListServicesByReflection(production));
    }
}
