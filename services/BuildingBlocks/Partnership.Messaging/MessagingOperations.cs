using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.Messaging;

public static class MessagingOperations
{
    /// <summary>
    /// Operators only: GET /operations/messaging/error-queues (messages waiting in each _error queue) and
    /// POST /operations/messaging/redrive[?queue=...] (moves them back to their queue; every queue when none is named).
    /// </summary>
    public static IEndpointRouteBuilder MapMessagingOperations(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<ErrorQueueRedriver>() is null) return endpoints;
        endpoints.MapGet("/operations/messaging/error-queues", async (ErrorQueueRedriver redriver, CancellationToken ct) =>
                Results.Ok(await redriver.ErrorQueueDepths(ct)))
            .RequireAuthorization(p => p.RequireRole("operator"));
        endpoints.MapPost("/operations/messaging/redrive", async (string? queue, ErrorQueueRedriver redriver, CancellationToken ct) =>
            {
                if (queue is not null && !redriver.Queues.Contains(queue))
                    return Results.NotFound(new { error = $"No receive queue named '{queue}'.", known = redriver.Queues });
                var moved = new Dictionary<string, int>();
                foreach (var name in queue is null ? redriver.Queues : [queue]) moved[name] = await redriver.Redrive(name, ct);
                return Results.Ok(new { moved });
            })
            .RequireAuthorization(p => p.RequireRole("operator"));
        return endpoints;
    }
}
