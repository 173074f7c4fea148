using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.AsyncApi;

/// <summary>
/// contracts/asyncapi.yaml: one channel per exchange (AMQP fanout, durable), one message per record with MassTransit's
/// envelope around the record's schema, one send operation per channel naming its publisher, and which version is current.
/// </summary>
public static class AsyncApiCatalogue
{
    public const string SpecVersion = "3.0.0";

    public static string Yaml() => AsyncApi.Yaml.Write(Document());

    public static JsonObject Document()
    {
        var entries = EventCatalogue.Entries();
        var docs = XmlDocs.For(typeof(CustomerCreatedIntegrationEvent).Assembly);
        // Subscribers read what a message means from its summary: a record without one is not ready to publish.
        if (entries.Where(e => docs.Summary(e.Record) is not { Length: > 0 }).Select(e => e.Record.Name).ToList() is [_, ..] undocumented)
            throw new InvalidOperationException($"No <summary> on {string.Join(", ", undocumented)}.");
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["MassTransitEnvelope"] = Envelope.Schema() };
        foreach (var entry in entries)
        {
            var id = ChannelId(entry);
            var name = entry.Name;
            channels[id] = Channel(entry, name, docs);
            operations[$"publish{name}"] = Operation(entry, id, name);
            messages[name] = Message(entry, docs);
            schemas[name] = RecordSchema.Of(entry.Record, docs);
        }
        return new JsonObject
        {
            ["asyncapi"] = SpecVersion,
            ["info"] = new JsonObject
            {
                ["title"] = "Partnership integration events",
                ["version"] = "2.0.0",
                ["description"] = Text.About,
            },
            ["defaultContentType"] = Envelope.ContentType,
            ["servers"] = new JsonObject
            {
                ["development"] = new JsonObject
                {
                    ["host"] = "localhost:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "RabbitMQ of scripts/run.sh (each deployment has its own host; exchanges and messages are the same).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    /// <summary>"partnership.charge-recorded.v2" is chargeRecordedV2.</summary>
    public static string ChannelId(CatalogueEntry entry)
    {
        var words = entry.Family["partnership.".Length..].Split('-');
        return words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + $"V{entry.Version}";
    }

    private static JsonObject Channel(CatalogueEntry entry, string name, XmlDocs docs)
    {
        var channel = new JsonObject
        {
            ["address"] = entry.Exchange,
            ["title"] = entry.Exchange,
            ["summary"] = docs.Summary(entry.Record),
            ["description"] = entry.Current
                ? $"Current version. Published by {EventCatalogue.ServiceNames[entry.Publisher]}."
                : $"Deprecated: superseded by {entry.SupersededBy} ({Text.Change(entry)}). Still published by "
                  + $"{EventCatalogue.ServiceNames[entry.Publisher]}, unchanged, beside the current version; move to it.",
            ["messages"] = new JsonObject { [name] = Ref($"#/components/messages/{name}") },
            ["tags"] = new JsonArray(new JsonObject { ["name"] = entry.Current ? "current" : "deprecated" },
                new JsonObject { ["name"] = $"publisher:{entry.Publisher}" }),
            ["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject
                {
                    ["is"] = "routingKey",
                    ["exchange"] = new JsonObject
                    {
                        ["name"] = entry.Exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/",
                    },
                    ["bindingVersion"] = "0.3.0",
                },
            },
            ["x-version"] = entry.Version,
            ["x-current"] = entry.Current,
        };
        if (entry.SupersededBy is { } newer) channel["x-superseded-by"] = newer;
        // The exchange stays fanout; the key lets a subscriber bind a direct or topic exchange of its own and take only some.
        if (entry.Record.GetCustomAttribute<RoutingKeyAttribute>() is { } key)
        {
            var property = JsonNamingPolicy.CamelCase.ConvertName(key.Property);
            channel["description"] += $" Published with the message's {property} as routing key (\"\" before it was introduced).";
            channel["x-routing-key"] = property;
        }
        return channel;
    }

    private static JsonObject Operation(CatalogueEntry entry, string channelId, string name) => new()
    {
        ["action"] = "send",
        ["channel"] = Ref($"#/channels/{channelId}"),
        ["summary"] = $"{EventCatalogue.ServiceNames[entry.Publisher]} publishes {name} to {entry.Exchange}.",
        ["messages"] = new JsonArray(Ref($"#/channels/{channelId}/messages/{name}")),
        ["bindings"] = new JsonObject
        {
            // Persistent, with the publisher's broker user as user-id (the broker refuses any other).
            ["amqp"] = new JsonObject { ["deliveryMode"] = 2, ["userId"] = entry.Publisher, ["bindingVersion"] = "0.3.0" },
        },
        ["x-publisher"] = EventCatalogue.ServiceNames[entry.Publisher],
        ["x-consumed-in-this-system-by"] = new JsonArray(entry.ConsumedBy.Select(c => (JsonNode)EventCatalogue.ServiceNames[c]).ToArray()),
    };

    private static JsonObject Message(CatalogueEntry entry, XmlDocs docs)
    {
        var (name, urn) = (entry.Name, entry.Urn);
        return new JsonObject
        {
            ["name"] = name,
            ["title"] = entry.Current ? name : $"{name} (deprecated)",
            ["summary"] = docs.Summary(entry.Record),
            ["contentType"] = Envelope.ContentType,
            ["payload"] = new JsonObject
            {
                ["allOf"] = new JsonArray(
                    Ref("#/components/schemas/MassTransitEnvelope"),
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["messageType"] = new JsonObject
                            {
                                ["type"] = "array", ["contains"] = new JsonObject { ["const"] = urn },
                            },
                            ["message"] = Ref($"#/components/schemas/{name}"),
                        },
                    }),
            },
            ["bindings"] = new JsonObject { ["amqp"] = new JsonObject { ["messageType"] = urn, ["bindingVersion"] = "0.3.0" } },
        };
    }

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };
}
