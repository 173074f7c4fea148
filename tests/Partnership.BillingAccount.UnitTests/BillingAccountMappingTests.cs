using Partnership.BillingAccount.Api;
using Partnership.BillingAccount.Domain;
using Partnership.BillingAccount.Integration;
using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.UnitTests;

public class BillingAccountMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Owner = "ajeowner000000000001";
    private static readonly string Id = BillingAccountIds.Personal(Owner);

    [Fact]
    public void Money_is_two_decimals_in_the_invariant_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
            Assert.Equal("4000.00", BillingAccountMapping.Money(4000m, "RUB", "RUB").Amount);
            Assert.Equal("12.50", BillingAccountMapping.Money(12.5m, "RUB", "RUB").Amount);
            Assert.Equal("USD", BillingAccountMapping.Money(0m, "", "USD").Currency);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_personal_account_maps_to_the_api()
    {
        var state = BillingAccountRecord.Evolve(BillingAccountRecord.Initial, new PersonalAccountOpened(Id, Owner, 4000m, "RUB", Now));
        var proto = BillingAccountMapping.ToProto(state, 1, "RUB");
        Assert.Equal(Id, proto.BillingAccountId);
        Assert.Equal(Proto.BillingAccountKind.Personal, proto.Kind);
        Assert.Equal(Proto.ConsumptionMode.Trial, proto.Mode);
        Assert.Equal(new Proto.Money { Amount = "4000.00", Currency = "RUB" }, proto.InitialGrant);
        Assert.Equal(Owner, proto.OwnerAccountId);
        Assert.Equal(1, proto.Version);
    }

    [Fact]
    public void Domain_events_map_to_the_published_contracts()
    {
        var mapper = new BillingAccountIntegrationEvents();
        RecordedEvent Recorded(object data) =>
            new(Guid.NewGuid(), BillingAccountIds.Stream(Id), 1, 1, "t", data, Now, null);

        Assert.Equal(new BillingAccountCreatedIntegrationEvent(Id, Owner, 4000m, "RUB", Now),
            mapper.Map(Recorded(new PersonalAccountOpened(Id, Owner, 4000m, "RUB", Now))));
        Assert.Equal(new SwitchedToPaidConsumptionIntegrationEvent(Id, Owner, 4000m, "RUB", Now),
            mapper.Map(Recorded(new SwitchedToPaidConsumption(Owner, 4000m, "RUB", Now))));
        Assert.Equal(new SubaccountCreatedIntegrationEvent(Id, "cstaaaaaaaaaaaaaaaaa", "ajepartner0000000001", "ajecustomer000000001", Now),
            mapper.Map(Recorded(new SubaccountOpened(Id, "ajepartner0000000001", "ajecustomer000000001", "cstaaaaaaaaaaaaaaaaa", Now))));
        // The customer's name travels with it (Identity/Roles names the organization after it).
        Assert.Equal(new SubaccountCreatedIntegrationEvent(Id, "cstaaaaaaaaaaaaaaaaa", "ajepartner0000000001", "ajecustomer000000001", Now, "Acme LLC"),
            mapper.Map(Recorded(new SubaccountOpened(Id, "ajepartner0000000001", "ajecustomer000000001", "cstaaaaaaaaaaaaaaaaa", Now, "Acme LLC"))));
        Assert.Null(mapper.Map(Recorded("something else")));
    }
}
