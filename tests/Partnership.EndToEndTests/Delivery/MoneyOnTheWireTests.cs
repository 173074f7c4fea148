using System.Text.Json;
using System.Text.Json.Nodes;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Events.V1;
using Partnership.IntegrationTests.Platform;
using Partnership.Testing;

namespace Partnership.EndToEndTests.Delivery;

/// <summary>
/// Money as RabbitMQ carries it, read with a plain client as another team would: every Billing-Account event with an
/// amount arrives on .v1 as before and on .v2 with two-place decimal strings, the same event (one messageId).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MoneyOnTheWireTests(PartnershipSystem system)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Each_money_event_goes_out_on_v1_unchanged_and_on_v2_with_two_place_amounts_as_gRPC_shows_them()
    {
        var p = await system.ActivePartnership();
        var partnerBilling = await system.BillingAccountOf(p.Partner);
        var cloud = await system.ExistingCloud(p);
        await system.Charge(cloud.CloudId, "4500.50");
        var paid = await system.Pay(p.Customer, p.CustomerBillingAccountId, "500.50");
        Assert.Equal("0.00", paid.Outstanding.Amount);

        var (createdV1, createdV2) = await Both("partnership.billing-account-created", "billingAccountId", p.CustomerBillingAccountId);
        Assert.Equal("4000", createdV1.Message.GetProperty("initialGrant").GetString());
        Assert.Equal("4000.00", createdV2.Message.GetProperty("initialGrant").GetString());
        Assert.Equal(partnerBilling.InitialGrant.Amount, createdV2.Message.GetProperty("initialGrant").GetString());

        var (switchedV1, switchedV2) = await Both("partnership.switched-to-paid-consumption", "billingAccountId", partnerBilling.BillingAccountId);
        Assert.Equal("4000", switchedV1.Message.GetProperty("initialGrantRemaining").GetString());
        Assert.Equal("4000.00", switchedV2.Message.GetProperty("initialGrantRemaining").GetString());

        // The request's "4500.50" keeps its places in v1 while the grant's part does not: v2 writes them all alike.
        var (chargeV1, chargeV2) = await Both("partnership.charge-recorded", "cloudId", cloud.CloudId);
        Assert.Equal(("4500.50", "4000", "500.50"), Amounts(chargeV1, "amount", "coveredByGrant", "addedToOutstanding"));
        Assert.Equal(("4500.50", "4000.00", "500.50"), Amounts(chargeV2, "amount", "coveredByGrant", "addedToOutstanding"));

        var (paidV1, paidV2) = await Both("partnership.outstanding-paid", "billingAccountId", p.CustomerBillingAccountId);
        Assert.Equal("500.50", paidV1.Message.GetProperty("amount").GetString());
        Assert.Equal("500.50", paidV2.Message.GetProperty("amount").GetString());

        // The envelope names the v2 record's type; apart from the amounts, v2 carries what v1 does.
        using var envelope = JsonDocument.Parse(chargeV2.Body);
        Assert.Equal(["urn:message:Partnership.Contracts.IntegrationEvents:ChargeRecordedV2"],
            envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(chargeV1.Message.EnumerateObject().Select(f => f.Name), chargeV2.Message.EnumerateObject().Select(f => f.Name));
        await AssertCaughtUpAsOnTheBroker(chargeV2, "partnership.charge-recorded.v2");
    }

    /// <summary>The event on both versions' exchanges, once each, with one messageId.</summary>
    private async Task<(TappedEvent V1, TappedEvent V2)> Both(string family, string field, string value)
    {
        var v1 = await Eventually.Get(() => Task.FromResult(system.Tap.For(family + ".v1", field, value)), t => t.Count > 0, what: family + ".v1");
        var v2 = await Eventually.Get(() => Task.FromResult(system.Tap.For(family + ".v2", field, value)), t => t.Count > 0, what: family + ".v2");
        Assert.Equal(v1[0].MessageId, v2[0].MessageId);
        return (v1[0], v2[0]);
    }

    private static (string?, string?, string?) Amounts(TappedEvent e, string a, string b, string c) =>
        (e.Message.GetProperty(a).GetString(), e.Message.GetProperty(b).GetString(), e.Message.GetProperty(c).GetString());

    /// <summary>IntegrationEvents.Subscribe, asked for the v2 exchange, hands over what RabbitMQ carried.</summary>
    private async Task AssertCaughtUpAsOnTheBroker(TappedEvent tapped, string exchange)
    {
        var billing = new IntegrationEvents.IntegrationEventsClient(system.Channel("billing"));
        using var call = billing.Subscribe(new SubscribeRequest { EventTypes = { exchange } }, system.Operator.Auth, DateTime.UtcNow.Add(Bound));
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var envelope = call.ResponseStream.Current;
            Assert.Equal(exchange, envelope.EventType);
            if (envelope.MessageId != tapped.MessageId) continue;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(tapped.Message.GetRawText()), JsonNode.Parse(envelope.PayloadJson)),
                $"broker: {tapped.Message.GetRawText()}\nsubscribe: {envelope.PayloadJson}");
            return;
        }
        Assert.Fail($"Subscribe ended before {tapped.MessageId}.");
    }
}
