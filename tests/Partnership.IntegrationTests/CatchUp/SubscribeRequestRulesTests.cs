using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Messaging.CatchUp;

namespace Partnership.IntegrationTests.CatchUp;

public sealed class SubscribeRequestRulesTests
{
    private static readonly IReadOnlyCollection<string> Customer = IntegrationEventPublishers.ExchangesOf("customer").ToList();

    [Fact]
    public void No_event_types_means_every_exchange_the_service_owns()
    {
        var exchanges = SubscribeRequestRules.Exchanges(0, [], Customer, "customer");
        Assert.Equal(Customer.Order(), exchanges.Order());
        Assert.Contains("partnership.customer-created.v1", exchanges);
    }

    [Fact]
    public void Named_event_types_are_the_only_ones_sent()
    {
        var exchanges = SubscribeRequestRules.Exchanges(42, ["partnership.partnership-confirmed.v1"], Customer, "customer");
        Assert.Equal(["partnership.partnership-confirmed.v1"], exchanges);
    }

    [Fact]
    public void A_negative_position_is_an_invalid_from_position()
    {
        var refused = Assert.Throws<DomainException>(() => SubscribeRequestRules.Exchanges(-1, [], Customer, "customer"));
        Assert.Equal(DomainErrorKind.InvalidArgument, refused.Kind);
        Assert.Equal("from_position", refused.Field);
    }

    [Theory]
    [InlineData("partnership.no-such-event.v1")]
    [InlineData("partnership.subaccount-created.v1")] // Billing-Account's: caught up from Billing-Account.
    [InlineData("Partnership.Customer-Created.V1")] // Exchange names are exact.
    public void An_exchange_the_service_does_not_own_is_invalid_naming_its_entry(string eventType)
    {
        var refused = Assert.Throws<DomainException>(() =>
            SubscribeRequestRules.Exchanges(0, ["partnership.customer-created.v1", eventType], Customer, "customer"));
        Assert.Equal(DomainErrorKind.InvalidArgument, refused.Kind);
        Assert.Equal("event_types[1]", refused.Field);
        Assert.Contains("customer service", refused.Message);
    }
}
