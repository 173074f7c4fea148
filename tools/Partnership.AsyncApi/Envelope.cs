using System.Text.Json.Nodes;

namespace Partnership.AsyncApi;

/// <summary>
/// MassTransit's JSON envelope around every record (content type application/vnd.masstransit+json): the record itself
/// is its "message", camelCase. Only messageId, messageType and message matter to a subscriber; the rest is MassTransit's.
/// </summary>
public static class Envelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    public static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's envelope. The integration event is `message`; `messageId` is the ID of the stored event it "
            + "comes from, the same on a redelivery and on every version of the event: deduplicate on it.",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = Uuid("The stored event's ID: the same on a redelivery, on each version's exchange and in IntegrationEvents.Subscribe."),
            ["requestId"] = NullableUuid(),
            ["correlationId"] = NullableUuid(),
            ["conversationId"] = Uuid("MassTransit's conversation."),
            ["initiatorId"] = NullableUuid(),
            ["sourceAddress"] = Text("The publishing bus endpoint (rabbitmq://...)."),
            ["destinationAddress"] = Text("The exchange (rabbitmq://.../<exchange>?type=fanout)."),
            ["responseAddress"] = Text(null),
            ["faultAddress"] = Text(null),
            ["messageType"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "urn:message:Partnership.Contracts.IntegrationEvents:<name>: the message's stable type name (the .NET record's name without its IntegrationEvent suffix), what MassTransit subscribers match on.",
                ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^urn:message:" },
            },
            ["message"] = new JsonObject { ["type"] = "object", ["description"] = "The integration event (see each message's payload)." },
            ["expirationTime"] = Text(null),
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["partnership-source-stream"] = Text("The publishing service's stream the event was stored in."),
                    ["partnership-source-position"] = new JsonObject
                    {
                        ["type"] = "integer", ["description"] = "The event's position in the publishing service's store (as in IntegrationEvents.Subscribe).",
                    },
                },
            },
            ["host"] = new JsonObject { ["type"] = "object", ["description"] = "The publishing process (machine, process, versions)." },
        },
    };

    private static JsonObject Uuid(string description) => new() { ["type"] = "string", ["format"] = "uuid", ["description"] = description };

    private static JsonObject NullableUuid() => new() { ["type"] = new JsonArray("string", "null"), ["format"] = "uuid" };

    private static JsonObject Text(string? description) => description is null
        ? new() { ["type"] = new JsonArray("string", "null") }
        : new() { ["type"] = "string", ["description"] = description };
}
