using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace Partnership.EndToEndTests.Http;

/// <summary>
/// The services as a JSON client sees them: plain HttpClient on each service's HTTP/1.1 port (the one curl uses), JSON
/// bodies, tokens from Identity/Roles' /connect/token. No gRPC type anywhere.
/// </summary>
public sealed class JsonApi(PartnershipSystem system) : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new();

    /// <summary>The service's HTTP/1.1 address, as the AppHost publishes it (127.0.0.1:5110 for customer in a local run).</summary>
    public Uri Address(string service) => system.App.GetEndpoint(service, "http");

    public HttpClient Client(string service)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(service, out var client))
                // HTTP/1.1 exactly: what a browser's fetch or curl without flags speaks to this port.
                _clients[service] = client = new HttpClient
                {
                    BaseAddress = Address(service), DefaultRequestVersion = HttpVersion.Version11,
                    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(60),
                };
            return client;
        }
    }

    /// <summary>A token as the portal's login gets one: a form post to the issuer.</summary>
    public async Task<string> Token(string accountId, bool asOperator = false)
    {
        var form = new Dictionary<string, string> { ["client_secret"] = system.ClientSecret, ["account_id"] = accountId };
        if (asOperator) form["role"] = "operator";
        using var response = await Client("identity").PostAsync("/connect/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<JsonReply> Get(string service, string path, string? token) => Send(service, HttpMethod.Get, path, token);

    public Task<JsonReply> Post(string service, string path, string? token, object? body = null) =>
        Send(service, HttpMethod.Post, path, token, body is null ? null : JsonSerializer.Serialize(body));

    public async Task<JsonReply> Send(string service, HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Client(service).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new JsonReply(response.StatusCode, response.Version, response.Content.Headers.ContentType?.MediaType,
            text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.WwwAuthenticate.ToString(), text);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }
}

/// <param name="Body">The JSON body: the message, or a google.rpc.Status {code, message, details} for a refusal.</param>
public sealed record JsonReply(HttpStatusCode Status, Version Version, string? MediaType, JsonNode? Body, string WwwAuthenticate, string Text)
{
    public JsonNode this[string property] => Body?[property] ?? throw new Xunit.Sdk.XunitException($"No \"{property}\" in {Text}");

    public string Str(string property) => this[property].GetValue<string>();

    /// <summary>The reply is the expected status, else the test fails showing the body.</summary>
    public JsonReply Is(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"HTTP {(int)Status} {Status}, expected {(int)expected} {expected}: {Text}");
        return this;
    }

    /// <summary>The google.rpc.Status detail of the given type ("google.rpc.ErrorInfo").</summary>
    public JsonNode Detail(string type) =>
        this["details"].AsArray().SingleOrDefault(d => d?["@type"]?.GetValue<string>() == "type.googleapis.com/" + type)
        ?? throw new Xunit.Sdk.XunitException($"No {type} in {Text}");

    public string Reason => Detail("google.rpc.ErrorInfo")["reason"]!.GetValue<string>();
}
