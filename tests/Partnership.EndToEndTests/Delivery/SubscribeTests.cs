using System.Text.Json.Nodes;
using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Events.V1;
using Partnership.IntegrationTests.Platform;
using Partnership.Testing;

namespace Partnership.EndToEndTests.Delivery;

/// <summary>A subscriber that joins late catches up on the Customer service's integration events, then follows the live ones.</summary>
[Collection(SystemCollection.Name)]
public sealed class SubscribeTests(PartnershipSystem system)
{
    // A bound on each stream, so a broken one fails the test instead of hanging it; no assertion depends on timing.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private const string Created = "partnership.customer-created.v1";
    private const string Confirmed = "partnership.partnership-confirmed.v1";
    private const string Provisioned = "partnership.customer-provisioned.v1";

    private IntegrationEvents.IntegrationEventsClient Events => new(system.Channel("customer"));

    [Fact]
    public async Task From_position_0_an_operator_gets_what_RabbitMQ_carried_then_a_live_event_on_the_open_stream()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        var record = await system.Provisioned(partner, created.CustomerId);

        using var call = Events.Subscribe(new SubscribeRequest { FromPosition = 0 }, system.Operator.Auth, DateTime.UtcNow.Add(Bound));
        var seen = new List<IntegrationEventEnvelope>();
        var history = await Next(call, seen, Created, created.CustomerId);
        await AssertAsOnTheBroker(history, Created, created.CustomerId);

        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
        var live = await Next(call, seen, Confirmed, created.CustomerId);
        await AssertAsOnTheBroker(live, Confirmed, created.CustomerId);

        Assert.All(seen, e => Assert.Equal("customer", e.Service));
        Assert.All(seen, e => Assert.StartsWith("partnership.", e.EventType));
        // In store order, each once.
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
        Assert.True(live.Position > history.Position);
    }

    [Fact]
    public async Task A_subscriber_starting_after_50_onboardings_gets_all_their_events_in_order_then_live_ones_with_no_gap_at_the_switch()
    {
        var partner = await system.NewPartner();
        var earlier = await Onboard(partner, 50);
        await Eventually.True(() => earlier.All(id => system.Tap.For(Provisioned, "customerId", id).Count > 0),
            what: "the 50 onboardings' events on RabbitMQ");

        using var call = Events.Subscribe(new SubscribeRequest { FromPosition = 0 }, system.Operator.Auth, DateTime.UtcNow.Add(Bound));
        var seen = new List<IntegrationEventEnvelope>();
        var got = new HashSet<(string, string?)>();
        async Task Read()
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the stream ended early");
            seen.Add(call.ResponseStream.Current);
            got.Add((call.ResponseStream.Current.EventType, CustomerIdOf(call.ResponseStream.Current)));
        }
        for (var i = 0; i < 30; i++) await Read();
        // Ten more onboardings while the stream is open and still in the history: their events are committed after the
        // subscription began, and their provisioning follows live.
        var later = await Onboard(partner, 10);
        var all = earlier.Concat(later).ToList();
        var wanted = all.SelectMany(id => new (string, string?)[] { (Created, id), (Provisioned, id) }).ToHashSet();
        while (wanted.Any(w => !got.Contains(w))) await Read();

        // In store order, each once, and exactly what RabbitMQ carried for every one of the 60 customers.
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.MessageId).Distinct().Count());
        foreach (var id in all)
            foreach (var exchange in new[] { Created, Provisioned })
            {
                var received = seen.Where(e => e.EventType == exchange && CustomerIdOf(e) == id).Select(e => e.MessageId).ToList();
                var tapped = await Eventually.Get(() => Task.FromResult(system.Tap.For(exchange, "customerId", id)), t => t.Count > 0,
                    what: $"{exchange} of {id} on RabbitMQ");
                Assert.Equal([tapped[0].MessageId!], received);
            }
    }

    private async Task<List<string>> Onboard(Account partner, int count)
    {
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(10))
            ids.AddRange(await Task.WhenAll(batch.Select(async _ =>
                (await system.AddCustomer(partner, await system.RegisterAccount("catch-up"))).CustomerId)));
        return ids;
    }

    [Fact]
    public async Task Event_types_filters_by_exchange_and_a_later_position_resumes_after_it()
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        await system.Provisioned(partner, created.CustomerId);

        var only = new SubscribeRequest { FromPosition = 0, EventTypes = { Provisioned } };
        var seen = new List<IntegrationEventEnvelope>();
        using (var call = Events.Subscribe(only, system.Operator.Auth, DateTime.UtcNow.Add(Bound)))
        {
            var provisioned = await Next(call, seen, Provisioned, created.CustomerId);
            await AssertAsOnTheBroker(provisioned, Provisioned, created.CustomerId);
        }
        Assert.All(seen, e => Assert.Equal(Provisioned, e.EventType));
        Assert.DoesNotContain(seen, e => e.EventType == Created);

        // From the position of the customer's CustomerCreated, that event is not sent again.
        var firstPass = new List<IntegrationEventEnvelope>();
        using (var call = Events.Subscribe(new SubscribeRequest { EventTypes = { Created } }, system.Operator.Auth, DateTime.UtcNow.Add(Bound)))
            await Next(call, firstPass, Created, created.CustomerId);
        var position = firstPass[^1].Position;
        var again = new List<IntegrationEventEnvelope>();
        using (var call = Events.Subscribe(new SubscribeRequest { FromPosition = position - 1 }, system.Operator.Auth, DateTime.UtcNow.Add(Bound)))
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            again.Add(call.ResponseStream.Current);
        }
        Assert.Equal(firstPass[^1].MessageId, again[0].MessageId);
        using (var call = Events.Subscribe(new SubscribeRequest { FromPosition = position, EventTypes = { Created, Provisioned } },
                   system.Operator.Auth, DateTime.UtcNow.Add(Bound)))
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.True(call.ResponseStream.Current.Position > position);
        }
    }

    [Fact]
    public async Task Bad_requests_are_invalid_arguments_naming_the_field()
    {
        var negative = await Refused(new SubscribeRequest { FromPosition = -1 }, system.Operator.Auth);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.StartsWith("from_position:", negative.Status.Detail);

        var unknown = await Refused(new SubscribeRequest { EventTypes = { Created, "partnership.no-such-event.v1" } }, system.Operator.Auth);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.StartsWith("event_types[1]:", unknown.Status.Detail);
        Assert.Equal("event_types[1]", unknown.Trailers.GetValue("invalid-field"));

        // Billing-Account's exchange is caught up from Billing-Account, not from the Customer service.
        var another = await Refused(new SubscribeRequest { EventTypes = { "partnership.subaccount-created.v1" } }, system.Operator.Auth);
        Assert.Equal(StatusCode.InvalidArgument, another.StatusCode);
        Assert.Contains("customer service", another.Status.Detail);
    }

    [Fact]
    public async Task A_named_subscriber_client_may_subscribe_a_stranger_may_not()
    {
        var client = new Account(PartnershipSystem.SubscriberClientId, "", await system.TokenFor(PartnershipSystem.SubscriberClientId));
        using (var call = Events.Subscribe(new SubscribeRequest(), client.Auth, DateTime.UtcNow.Add(Bound)))
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        // Named by the Customer service only: Billing-Account refuses it.
        var billing = new IntegrationEvents.IntegrationEventsClient(system.Channel("billing"));
        using (var call = billing.Subscribe(new SubscribeRequest(), client.Auth, DateTime.UtcNow.Add(Bound)))
            Assert.Equal(StatusCode.PermissionDenied, (await Scenario.Refused(() => call.ResponseStream.MoveNext(CancellationToken.None))).StatusCode);

        var stranger = await system.RegisterAccount("stranger");
        Assert.Equal(StatusCode.PermissionDenied, (await Refused(new SubscribeRequest(), stranger.Auth)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Refused(new SubscribeRequest(), new Metadata())).StatusCode);
    }

    private async Task<RpcException> Refused(SubscribeRequest request, Metadata auth)
    {
        using var call = Events.Subscribe(request, auth, DateTime.UtcNow.Add(Bound));
        return await Scenario.Refused(() => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    /// <summary>Reads on until the given event about the customer, keeping everything received.</summary>
    private static async Task<IntegrationEventEnvelope> Next(AsyncServerStreamingCall<IntegrationEventEnvelope> call,
        List<IntegrationEventEnvelope> seen, string eventType, string customerId)
    {
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var envelope = call.ResponseStream.Current;
            seen.Add(envelope);
            if (envelope.EventType == eventType && CustomerIdOf(envelope) == customerId) return envelope;
        }
        throw new Xunit.Sdk.XunitException($"The stream ended before {eventType} of {customerId}.");
    }

    private static string? CustomerIdOf(IntegrationEventEnvelope envelope) =>
        JsonNode.Parse(envelope.PayloadJson)?["customerId"]?.GetValue<string>();

    /// <summary>Same MessageId and same message as the event tap took from RabbitMQ.</summary>
    private async Task AssertAsOnTheBroker(IntegrationEventEnvelope envelope, string exchange, string customerId)
    {
        var tapped = await Eventually.Get(() => Task.FromResult(system.Tap.For(exchange, "customerId", customerId)), t => t.Count > 0,
            what: $"{exchange} on RabbitMQ");
        Assert.All(tapped, t => Assert.Equal(tapped[0].MessageId, t.MessageId));
        Assert.Equal(Guid.Parse(tapped[0].MessageId!), Guid.Parse(envelope.MessageId));
        Assert.Equal(tapped[0].MessageId, envelope.MessageId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(tapped[0].Message.GetRawText()), JsonNode.Parse(envelope.PayloadJson)),
            $"broker: {tapped[0].Message.GetRawText()}\nsubscribe: {envelope.PayloadJson}");
    }
}
