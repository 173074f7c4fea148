using Partnership.BillingAccount.Integration;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.UnitTests;

/// <summary>Every event with money goes out as v1 (unchanged) and then v2 (two-place strings), with the same values.</summary>
public class MoneyEditionsTests
{
    private static readonly IIntegrationEventMapper Mapper = new BillingAccountIntegrationEvents();
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<object, object> MoneyEvents() => new()
    {
        { new BillingAccountCreatedIntegrationEvent("dn2a", "ajeo", 4000m, "RUB", At), new BillingAccountCreatedV2IntegrationEvent("dn2a", "ajeo", 4000m, "RUB", At) },
        { new SwitchedToPaidConsumptionIntegrationEvent("dn2a", "ajeo", 12.5m, "RUB", At), new SwitchedToPaidConsumptionV2IntegrationEvent("dn2a", "ajeo", 12.5m, "RUB", At) },
        { new CloudLinkedIntegrationEvent("b1g", "dn2a", "dn2b", "ajeo", 25m, "RUB", At), new CloudLinkedV2IntegrationEvent("b1g", "dn2a", "dn2b", "ajeo", 25m, "RUB", At) },
        { new ChargeRecordedIntegrationEvent("dn2a", "b1g", 130m, 100m, 30m, "RUB", At, "r1"), new ChargeRecordedV2IntegrationEvent("dn2a", "b1g", 130m, 100m, 30m, "RUB", At, "r1") },
        { new ChargeRecordedIntegrationEvent("dn2a", "b1g", 1m, 0m, 1m, "RUB", At), new ChargeRecordedV2IntegrationEvent("dn2a", "b1g", 1m, 0m, 1m, "RUB", At, null) },
        { new OutstandingPaidIntegrationEvent("dn2a", 30m, "RUB", At, "pay-1"), new OutstandingPaidV2IntegrationEvent("dn2a", 30m, "RUB", At, "pay-1") },
    };

    [Theory]
    [MemberData(nameof(MoneyEvents))]
    public void An_event_with_money_is_published_as_v1_then_v2(object v1, object v2)
    {
        Assert.Equal([v1, v2], Mapper.Editions(v1));
        Assert.EndsWith(".v2", IntegrationEventPublishers.ExchangeOf(v2.GetType()));
        Assert.Equal(IntegrationEventPublishers.Billing, IntegrationEventPublishers.OwnerOfExchange[IntegrationEventPublishers.ExchangeOf(v2.GetType())!]);
    }

    [Fact]
    public void An_event_without_money_is_published_once()
    {
        var subaccount = new SubaccountCreatedIntegrationEvent("dn2a", "cst", "ajep", "ajec", At);
        Assert.Equal([subaccount], Mapper.Editions(subaccount));
    }
}
