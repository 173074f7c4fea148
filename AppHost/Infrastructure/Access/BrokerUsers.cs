using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// Creates the services' RabbitMQ users and their permissions on one virtual host, through the management
/// HTTP API as an administrator. Idempotent: a second run sets the same passwords and permissions again.
/// </summary>
internal sealed class BrokerUsers(Uri management, string adminUser, string adminPassword) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = management, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<bool> AdminCanLogIn(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "api/whoami", adminUser, adminPassword);
        using var response = await _http.SendAsync(request, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// A node created before the services had their own users has only guest/guest: with it, create the
    /// administrator the AppHost now uses, then delete guest, so no login is left with a published password.
    /// </summary>
    public async Task ReplaceGuest(CancellationToken ct)
    {
        await Send(HttpMethod.Put, $"api/users/{Esc(adminUser)}", new { password = adminPassword, tags = "administrator" }, ct, "guest", "guest");
        await Send(HttpMethod.Put, $"api/permissions/%2F/{Esc(adminUser)}", new { configure = ".*", write = ".*", read = ".*" }, ct, "guest", "guest");
        await DeleteUser("guest", ct);
    }

    public async Task DeleteUser(string user, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Delete, $"api/users/{Esc(user)}", adminUser, adminPassword);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.NotFound) await Ensure(response, ct);
    }

    public async Task Grant(string vhost, string user, string password, BrokerPermissions.Regexes permissions, CancellationToken ct)
    {
        // No tags: a service user cannot log in to the management UI or API.
        await Send(HttpMethod.Put, $"api/users/{Esc(user)}", new { password, tags = "" }, ct);
        await Send(HttpMethod.Put, $"api/permissions/{Esc(vhost)}/{Esc(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }, ct);
    }

    private async Task Send(HttpMethod method, string path, object body, CancellationToken ct, string? user = null, string? password = null)
    {
        using var request = Request(method, path, user ?? adminUser, password ?? adminPassword);
        request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request, ct);
        await Ensure(response, ct);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string user, string password) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    private static async Task Ensure(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"RabbitMQ management {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: " +
                $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);

    public void Dispose() => _http.Dispose();
}
