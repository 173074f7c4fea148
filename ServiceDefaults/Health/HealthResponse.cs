using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partnership.ServiceDefaults.Health;

/// <summary>
/// /health answers with the reasons, not only a word: the overall status, then each check's status, description and
/// error. Degraded (RabbitMQ or SMTP away) still answers 200; Unhealthy (PostgreSQL away, delivery parked or stalled) 503.
/// </summary>
public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data.ToDictionary(d => d.Key, d => d.Value?.ToString()),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
