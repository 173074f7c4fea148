using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Serialization;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Contracts.IntegrationEvents.Json;
using static Partnership.Contracts.UnitTests.Samples;

namespace Partnership.Contracts.UnitTests;

/// <summary>
/// Money in events, serialized with MassTransit's own settings (the "message" of its envelope): version 2 writes a decimal
/// string with exactly two places, as gRPC does; version 1 is what its subscribers have always read.
/// </summary>
public sealed class MoneyOnTheWireTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Compacted for reading: MassTransit indents its JSON.
    private static string Wire(object message) =>
        JsonNode.Parse(JsonSerializer.Serialize(message, message.GetType(), SystemTextJsonMessageSerializer.Options))!.ToJsonString(Compact);

    [Fact]
    public void A_v2_event_carries_every_amount_as_a_decimal_string_with_two_places()
    {
        Assert.Equal("""{"billingAccountId":"dn2a","ownerAccountId":"ajeo","initialGrant":"4000.00","currency":"RUB","occurredAt":"2026-12-03T10:00:00+00:00"}""",
            Wire(new BillingAccountCreatedV2IntegrationEvent("dn2a", "ajeo", 4000m, "RUB", At)));
        Assert.Contains("\"initialGrantRemaining\":\"1250.50\"", Wire(new SwitchedToPaidConsumptionV2IntegrationEvent("dn2a", "ajeo", 1250.5m, "RUB", At)));
        Assert.Contains("\"outstandingOnPreviousAccount\":\"0.00\"", Wire(new CloudLinkedV2IntegrationEvent("b1g", "dn2a", "dn2b", "ajeo", 0m, "RUB", At)));
        Assert.Contains("\"amount\":\"130.00\",\"coveredByGrant\":\"100.00\",\"addedToOutstanding\":\"30.00\"",
            Wire(new ChargeRecordedV2IntegrationEvent("dn2a", "b1g", 130m, 100.000m, 30.0m, "RUB", At, "r1")));
        Assert.Contains("\"amount\":\"0.05\"", Wire(new OutstandingPaidV2IntegrationEvent("dn2a", 0.05m, "RUB", At, "pay-1")));
    }

    [Fact]
    public void A_v1_event_is_unchanged_amounts_as_MassTransit_writes_decimals()
    {
        // As many places as the value had: what v1 subscribers have always read, and why v2 exists.
        Assert.Equal("""{"billingAccountId":"dn2a","ownerAccountId":"ajeo","initialGrant":"4000","currency":"RUB","occurredAt":"2026-12-03T10:00:00+00:00"}""",
            Wire(new BillingAccountCreatedIntegrationEvent("dn2a", "ajeo", 4000m, "RUB", At)));
        Assert.Equal("""{"billingAccountId":"dn2a","cloudId":"b1g","amount":"130.5","coveredByGrant":"100","addedToOutstanding":"30.50","currency":"RUB","occurredAt":"2026-12-03T10:00:00+00:00","requestId":null}""",
            Wire(new ChargeRecordedIntegrationEvent("dn2a", "b1g", 130.5m, 100m, 30.50m, "RUB", At)));
    }

    [Fact]
    public void A_v2_event_reads_back_as_it_was_written()
    {
        var charge = new ChargeRecordedV2IntegrationEvent("dn2a", "b1g", 130.5m, 100m, 30.5m, "RUB", At, null);
        Assert.Equal(charge, JsonSerializer.Deserialize<ChargeRecordedV2IntegrationEvent>(Wire(charge), SystemTextJsonMessageSerializer.Options));
        Assert.Equal(130.5m, JsonSerializer.Deserialize<ChargeRecordedV2IntegrationEvent>(Wire(charge), SystemTextJsonMessageSerializer.Options)!.Amount);
    }

    [Fact]
    public void An_amount_finer_than_two_places_is_refused_not_rounded()
    {
        var refusal = Assert.Throws<JsonException>(() => Wire(new OutstandingPaidV2IntegrationEvent("dn2a", 0.005m, "RUB", At, null)));
        Assert.Contains("0.005", refusal.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OutstandingPaidV2IntegrationEvent>(
            """{"billingAccountId":"dn2a","amount":4000,"currency":"RUB","occurredAt":"2026-12-03T10:00:00+00:00"}""", SystemTextJsonMessageSerializer.Options));
    }

    [Fact]
    public void Every_v1_amount_has_its_two_place_string_in_v2()
    {
        var money = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(CustomerCreatedIntegrationEvent).Namespace && !t.Name.EndsWith("V2IntegrationEvent"))
            .SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(decimal)).Select(p => (Record: t, Property: p)))
            .ToList();
        Assert.Equal(7, money.Count);
        foreach (var (record, property) in money)
        {
            var v2 = record.Assembly.GetType($"{record.Namespace}.{record.Name[..^"IntegrationEvent".Length]}V2IntegrationEvent");
            Assert.True(v2 is not null, $"{record.Name} carries money ({property.Name}) and has no V2");
            var converted = v2!.GetProperty(property.Name)!.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonConverterAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonConverterAttribute>().SingleOrDefault();
            Assert.Equal(typeof(MoneyAmountJsonConverter), converted?.ConverterType);
        }
    }
}
