using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassTransit.Serialization;
using Partnership.AsyncApi;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Messaging;

namespace Partnership.Contracts.UnitTests;

/// <summary>Each record's schema describes the JSON MassTransit writes for it: the same names, types and money format.</summary>
public sealed class RecordSchemaTests
{
    private static readonly JsonObject Schemas = AsyncApiCatalogue.Document()["components"]!["schemas"]!.AsObject();

    public static TheoryData<string> Records() =>
        new(typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes().Where(t => IntegrationEventPublishers.ExchangeOf(t) is not null).Select(EventCatalogue.MessageName));

    [Theory]
    [MemberData(nameof(Records))]
    public void The_schema_has_every_property_MassTransit_writes_with_its_type(string name)
    {
        var record = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes().Single(t => IntegrationEventPublishers.ExchangeOf(t) is not null && EventCatalogue.MessageName(t) == name);
        var json = JsonNode.Parse(JsonSerializer.Serialize(Samples.Of(record), record, SystemTextJsonMessageSerializer.Options))!.AsObject();
        var schema = Schemas[name]!;
        var properties = schema["properties"]!.AsObject();

        Assert.Equal(json.Select(p => p.Key).Order(), properties.Select(p => p.Key).Order());
        Assert.All(schema["required"]!.AsArray(), r => Assert.True(json.ContainsKey(r!.GetValue<string>())));
        foreach (var (property, value) in json)
        {
            var declared = properties[property]!;
            var types = declared["type"] is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [declared["type"]!.GetValue<string>()];
            var kind = Kind(value);
            Assert.True(types.Contains(kind) || kind == "integer" && types.Contains("number"), $"{name}.{property} is {kind}, declared {declared["type"]!.ToJsonString()}");
            if (declared["pattern"] is { } pattern) Assert.Matches(new Regex(pattern.GetValue<string>()), value!.GetValue<string>());
            // A list of records: each item has exactly the properties its schema names, with their types.
            if (value is JsonArray items)
                foreach (var item in items.Select(i => i!.AsObject()))
                {
                    var itemProperties = declared["items"]!["properties"]!.AsObject();
                    Assert.Equal(item.Select(p => p.Key).Order(), itemProperties.Select(p => p.Key).Order());
                    Assert.All(item, p => Assert.Equal(itemProperties[p.Key]!["type"]!.GetValue<string>(), Kind(p.Value)));
                }
        }
    }

    [Fact]
    public void No_current_event_carries_money_as_a_JSON_number()
    {
        var current = AsyncApiCatalogue.Document()["channels"]!.AsObject().Select(c => c.Value!)
            .Where(c => c["x-current"]!.GetValue<bool>())
            .Select(c => c["messages"]!.AsObject().Single().Key);
        var numbers = current.SelectMany(name => Schemas[name]!["properties"]!.AsObject()
            .Where(p => p.Value!["type"]!.ToJsonString().Contains("number")).Select(p => $"{name}.{p.Key}")).ToList();
        Assert.Empty(numbers);
    }

    private static string Kind(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().Contains('.') ? "number" : "integer",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        var k => k.ToString()!,
    };
}
