using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Partnership.AppHost.Dashboard;

/// <summary>
/// The operator's actions on a service, as commands in the dashboard (and <c>ResourceCommands</c> for tests): each calls
/// the service's own operator endpoint on its HTTP port with an operator token, and reports the service's answer.
/// </summary>
public static class OperatorCommands
{
    public const string RebuildReadModels = "rebuild-read-models";
    public const string RedriveErrorQueues = "redrive-error-queues";

    /// <summary>POST /operations/read-models/rebuild: every read model of the service, replayed from its streams.</summary>
    public static IResourceBuilder<ProjectResource> WithRebuildReadModelsCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithHttpCommand("/operations/read-models/rebuild", "Rebuild read models", "http", RebuildReadModels,
            Options($"Clears {service.Resource.Name}'s read models and replays them from its event streams.", "ArrowSync",
                $"Rebuild every read model of {service.Resource.Name}? Its lists answer from a partial model until the replay catches up.",
                Describe.Rebuilding));

    /// <summary>POST /operations/messaging/redrive: the messages parked in the service's _error queues go back to their queues.</summary>
    public static IResourceBuilder<ProjectResource> WithRedriveErrorQueuesCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithHttpCommand("/operations/messaging/redrive", "Re-drive error queues", "http", RedriveErrorQueues,
            Options($"Moves the messages parked in {service.Resource.Name}'s _error queues back to their queues, to be consumed again.",
                "ArrowRedo", null, Describe.Moved));

    private static HttpCommandOptions Options(string description, string icon, string? confirmation, Func<JsonElement, string> describe) => new()
    {
        Method = HttpMethod.Post,
        Description = description,
        IconName = icon,
        ConfirmationMessage = confirmation,
        // The endpoints answer only a service that is up, and only operators.
        UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running && c.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled,
        PrepareRequest = async c => c.Request.Headers.Authorization =
            new AuthenticationHeaderValue("Bearer", await OperatorTokens.Get(c.Services, c.CancellationToken)),
        GetCommandResult = c => Result(c, describe),
    };

    /// <summary>Success or failure with what the service said, so the dashboard's notification tells the operator why.</summary>
    private static async Task<ExecuteCommandResult> Result(HttpCommandResultContext c, Func<JsonElement, string> describe)
    {
        var body = await c.Response.Content.ReadAsStringAsync(c.CancellationToken);
        if (!c.Response.IsSuccessStatusCode)
            return CommandResults.Failure($"{c.ResourceName} answered {(int)c.Response.StatusCode} {c.Response.ReasonPhrase}" +
                (body.Length > 0 ? ": " + Clamp(body) : ""));
        try
        {
            using var json = JsonDocument.Parse(body);
            return CommandResults.Success(describe(json.RootElement));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return CommandResults.Success(Clamp(body));
        }
    }

    private static string Clamp(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>The services' answers, as a sentence.</summary>
    private static class Describe
    {
        // {"rebuilding":["customer-views"]}
        public static string Rebuilding(JsonElement answer) =>
            "Rebuilding from the streams: " + string.Join(", ", answer.GetProperty("rebuilding").EnumerateArray().Select(n => n.GetString()));

        // {"moved":{"customer-subaccount-created":2,...}}
        public static string Moved(JsonElement answer)
        {
            var queues = answer.GetProperty("moved").EnumerateObject().ToList();
            var total = queues.Sum(q => q.Value.GetInt32());
            return total == 0
                ? $"No message was waiting in the {queues.Count} error queues."
                : $"Moved {total} messages back: " + string.Join(", ", queues.Where(q => q.Value.GetInt32() > 0).Select(q => $"{q.Name} {q.Value}"));
        }
    }
}
