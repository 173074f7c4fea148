using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.EventSourcing.Marten.ReadModels;

public static class ReadModelEndpoints
{
    /// <summary>
    /// POST /operations/read-models/rebuild[?name=...]: operators rebuild read models from the streams.
    /// Answers 202 at once; the subscription replays in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapReadModelOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/operations/read-models/rebuild", async (string? name, ReadModelRebuilder rebuilder, CancellationToken ct) =>
            {
                if (name is not null && !rebuilder.Names.Contains(name))
                    return Results.NotFound(new { error = $"No read model named '{name}'.", known = rebuilder.Names });
                await rebuilder.Rebuild(name, ct);
                return Results.Accepted(value: new { rebuilding = name is null ? rebuilder.Names : [name] });
            })
            .RequireAuthorization(p => p.RequireRole("operator"));
        return endpoints;
    }
}
