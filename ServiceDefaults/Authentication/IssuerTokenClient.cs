using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Partnership.ServiceDefaults.Authentication;

/// <summary>Asks Identity/Roles' token endpoint for an access token: what the CLI, the tests and the benchmark use.</summary>
public sealed class IssuerTokenClient(HttpClient http, string clientSecret)
{
    /// <param name="issuer">Identity/Roles' HTTP address, e.g. http://127.0.0.1:5120.</param>
    public IssuerTokenClient(Uri issuer, string clientSecret) : this(new HttpClient { BaseAddress = issuer }, clientSecret)
    {
    }

    public async Task<string> TokenFor(string accountId, bool asOperator = false, CancellationToken cancel = default)
    {
        var form = new Dictionary<string, string> { ["client_secret"] = clientSecret, ["account_id"] = accountId };
        if (asOperator) form["role"] = Roles.Operator;
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form), cancel);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancel);
        return response.IsSuccessStatusCode && body?.AccessToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException(
                $"The issuer refused a token ({(int)response.StatusCode}): {body?.Error} {body?.ErrorDescription}".TrimEnd());
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
