using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.EventSourcing.Marten.ReadModels;

public static class ReadModelEndpoints
{
    /// <summary>
    /// POST /operations/read-models/rebuild[?name=...]: operators rebuild read models from the streams.
    /// Answers 202 at once; the daemon replays in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapReadModelOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/operations/read-models/rebuild", (string? name, ReadModelRebuilds rebuilds, HttpResponse response) =>
            {
                var known = rebuilds.Models.Select(m => m.Name).ToList();
                if (name is not null && !known.Contains(name))
                    return Results.NotFound(new { error = $"No read model named '{name}'.", known });
                // Refused, not forwarded: replicas do not know which of them leads, and the caller (the dashboard, through
                // the service's proxy) reaches another replica when it asks again.
                if (!rebuilds.RunHere)
                {
                    response.Headers.RetryAfter = "1";
                    return Results.Json(new
                        {
                            error = "This replica does not run the read models: another replica of the service leads its daemon. " +
                                "Ask that one, or ask again through the service's address.",
                        }, statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                var which = rebuilds.Models.Where(m => name is null || m.Name == name).ToList();
                if (which.FirstOrDefault(rebuilds.IsRebuilding) is { } busy)
                    return Results.Conflict(new { error = $"Read model '{busy.Name}' is being rebuilt already." });
                rebuilds.StartInBackground(which);
                return Results.Accepted(value: new { rebuilding = which.Select(m => m.Name) });
            })
            .RequireAuthorization(p => p.RequireRole("operator"));
        return endpoints;
    }
}
