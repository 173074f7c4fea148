using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Partnership.IntegrationTests.HttpSurface;

/// <summary>
/// JSON over HTTP (gRPC JSON transcoding) through the production gRPC defaults: the same pipeline and error details as
/// gRPC, the transcoder's own refusals completed with details, the OpenAPI document and Swagger UI.
/// </summary>
public sealed class JsonHttpTests
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Send(SurfaceHost host, HttpMethod method,
        string path, string? json = null, Uri? port = null, Version? version = null, string caller = "aje-caller")
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(method, new Uri(port ?? host.Http, path))
        {
            Version = version ?? HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("x-caller", caller);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static string Reason(JsonNode? status) =>
        status!["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>() == "type.googleapis.com/google.rpc.ErrorInfo")!["reason"]!.GetValue<string>();

    [Fact]
    public async Task Json_is_served_on_the_http1_port_and_on_the_h2c_port_with_query_parameters_by_json_or_proto_name()
    {
        await using var host = await SurfaceHost.Start();
        var http1 = await Send(host, HttpMethod.Get, "/v1/customers?query=abc&pageSize=5");
        Assert.Equal(HttpStatusCode.OK, http1.Status);
        Assert.Equal(HttpVersion.Version11, http1.Response.Version);
        Assert.Equal("query=abc", http1.Body!["nextPageToken"]!.GetValue<string>());
        var h2c = await Send(host, HttpMethod.Get, "/v1/customers?query=xyz&page_size=5", port: host.Grpc, version: HttpVersion.Version20);
        Assert.Equal(HttpStatusCode.OK, h2c.Status);
        Assert.Equal(HttpVersion.Version20, h2c.Response.Version);
        Assert.Equal("query=xyz", h2c.Body!["nextPageToken"]!.GetValue<string>());

        var created = await Send(host, HttpMethod.Post, "/v1/customers", """{"requestId":"r1","name":"Acme LLC","email":"a@b.ru"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Acme LLC", created.Body!["name"]!.GetValue<string>());
        // Every field is written, defaults included, enums by name.
        Assert.Equal("CUSTOMER_STATUS_UNSPECIFIED", created.Body["status"]!.GetValue<string>());
        Assert.Equal("", created.Body["subaccountId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusal_is_the_http_status_of_its_code_with_the_google_rpc_status_as_body()
    {
        await using var host = await SurfaceHost.Start();
        var notFound = await Send(host, HttpMethod.Get, "/v1/customers/cst1");
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("application/json", notFound.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, notFound.Body!["code"]!.GetValue<int>());
        Assert.Equal("No customer cst1.", notFound.Body["message"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", Reason(notFound.Body));

        // The input guard (an interceptor) names the field in ErrorInfo and BadRequest, as for gRPC.
        var guarded = await Send(host, HttpMethod.Get, "/v1/customers?query=a%00b");
        Assert.Equal(HttpStatusCode.BadRequest, guarded.Status);
        Assert.Equal("query: must not contain control characters.", guarded.Body!["message"]!.GetValue<string>());
        Assert.Equal("FIELD_INVALID", Reason(guarded.Body));
        var violation = guarded.Body["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>().EndsWith("google.rpc.BadRequest"))!;
        Assert.Equal("query", violation["fieldViolations"]![0]!["field"]!.GetValue<string>());

        var unimplemented = await Send(host, HttpMethod.Post, "/v1/customers/cst1:reinvite");
        Assert.Equal(HttpStatusCode.NotImplemented, unimplemented.Status);
        Assert.Equal("UNIMPLEMENTED", Reason(unimplemented.Body));
    }

    [Theory]
    [InlineData("POST", "/v1/customers", """{"name": """)]
    [InlineData("POST", "/v1/customers", "")]
    [InlineData("POST", "/v1/customers", """{"name": 5}""")]
    [InlineData("GET", "/v1/customers?pageSize=many", null)]
    [InlineData("GET", "/v1/customers?status=NOPE", null)]
    public async Task What_the_transcoder_refuses_itself_is_400_REQUEST_MALFORMED(string method, string path, string? body)
    {
        await using var host = await SurfaceHost.Start();
        var reply = await Send(host, new HttpMethod(method), path, body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(3, reply.Body!["code"]!.GetValue<int>());
        Assert.Equal("REQUEST_MALFORMED", Reason(reply.Body));
        Assert.Equal("partnership.cloud.yandex.ru",
            reply.Body["details"]![0]!["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_REQUEST_TOO_LARGE()
    {
        await using var host = await SurfaceHost.Start();
        var reply = await Send(host, HttpMethod.Post, "/v1/customers", "{\"name\":\"" + new string('a', 1_100_000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal(8, reply.Body!["code"]!.GetValue<int>());
        Assert.Equal("REQUEST_TOO_LARGE", Reason(reply.Body));
    }

    [Fact]
    public async Task Writes_over_json_share_the_rate_limit_and_a_limited_one_is_429_RATE_LIMITED_with_Retry_After()
    {
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:WritesPerSecond"] = "1", ["RateLimiting:Burst"] = "2",
        });
        for (var i = 0; i < 20; i++)
        {
            var reply = await Send(host, HttpMethod.Post, "/v1/customers", """{"requestId":"r","name":"Acme","email":"a@b.ru"}""", caller: "aje-json");
            if (reply.Status == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
            Assert.Equal("RATE_LIMITED", Reason(reply.Body));
            // The wait, for HTTP clients as Retry-After (whole seconds), and as it is in the ErrorInfo.
            var ms = long.Parse(reply.Body!["details"]![0]!["metadata"]!["retry_after_ms"]!.GetValue<string>());
            Assert.Equal(TimeSpan.FromSeconds(Math.Max(1, (ms + 999) / 1000)), reply.Response.Headers.RetryAfter?.Delta);
            Assert.True(i >= 2, $"refused after {i} writes, within the burst of 2");
            return;
        }
        throw new Xunit.Sdk.XunitException("20 writes in a row were not limited.");
    }

    [Fact]
    public async Task A_server_streaming_rpc_is_one_json_object_a_line()
    {
        await using var host = await SurfaceHost.Start();
        using var http = new HttpClient();
        var lines = (await http.GetStringAsync(new Uri(host.Http, "/v1/customers/cst1:watch"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1, 2], lines.Select(l => JsonNode.Parse(l)!["version"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task The_openapi_document_is_always_served_and_swagger_ui_in_development_only(string environment, bool ui)
    {
        await using var host = await SurfaceHost.Start(environment);
        using var http = new HttpClient { BaseAddress = host.Http };
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(document["paths"]!["/v1/customers"]!["post"]);
        Assert.NotNull(document["paths"]!["/v1/customers/{customerId}:watch"]!["get"]);
        using var page = await http.GetAsync("/swagger/index.html");
        Assert.Equal(ui ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task The_portal_may_read_with_GET_from_a_browser()
    {
        const string portal = "https://partners.example.com";
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = portal });
        using var http = new HttpClient();
        var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(host.Http, "/v1/customers"));
        preflight.Headers.Add("Origin", portal);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await http.SendAsync(preflight);
        Assert.Equal(portal, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }
}
