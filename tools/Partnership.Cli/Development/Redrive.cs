using System.Net.Http.Headers;

namespace Partnership.Cli.Development;

/// <summary>
/// Re-drives parked messages: asks the service (its HTTP port, as an operator) to move its _error queues' messages
/// back to their queues. The service does the move under its own broker login, which the publisher check requires.
/// </summary>
internal static class Redrive
{
    private static readonly Dictionary<string, int> HttpPorts = new()
    {
        ["identity"] = 5120, ["customer"] = 5110, ["billing"] = 5130, ["notification"] = 5140,
    };

    /// <param name="target">A service ("customer"), or one of its queues ("customer-subaccount-created").</param>
    public static async Task<int> Run(string target)
    {
        var service = target.Split('-')[0];
        if (!HttpPorts.TryGetValue(service, out var port))
        {
            Console.Error.WriteLine($"Unknown service '{service}': one of {string.Join(", ", HttpPorts.Keys)}, or a queue named after one.");
            return 2;
        }
        var queue = target.Contains('-') ? target : null;
        var baseUrl = Environment.GetEnvironmentVariable($"PARTNERSHIP_{service.ToUpperInvariant()}_HTTP_URL") ?? $"http://127.0.0.1:{port}";
        var token = await Issuer.Client().TokenFor("ajeoperator000000000", asOperator: true);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.PostAsync("/operations/messaging/redrive" + (queue is null ? "" : $"?queue={Uri.EscapeDataString(queue)}"), null);
        Console.WriteLine(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
