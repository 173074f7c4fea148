using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Billing;

/// <summary>
/// On PostgreSQL, with the Billing-Account service's own event names: charges and payments stored before request IDs
/// and payment references (V1) still load beside the V2 ones, and the fold counts each once.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StoredMoneyEventsTests(TestInfrastructure infra)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task V1_charges_and_payments_load_beside_V2_and_a_charge_request_stream_keeps_its_account()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = await infra.CreateDatabase("money");
        builder.AddEventStore("billing", BillingAccountEventTypes.Registry());
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IEventStore>();
        var account = BillingAccountIds.Personal("ajecustomer000000001");
        var cloud = "b1gaaaaaaaaaaaaaaaaa";

        await store.AppendToStream(BillingAccountIds.Stream(account), ExpectedVersion.NoStream,
        [
            new PersonalAccountOpened(account, "ajecustomer000000001", 100m, "RUB", At),
            new ChargeAccrued(cloud, 130m, 100m, 30m, "RUB", At),
            new OutstandingPaid(30m, "RUB", At),
            new ChargeAccruedV2("meter-1", cloud, 50m, 0m, 50m, "RUB", At),
            new OutstandingPaidV2("pay-1", 20m, "RUB", At),
        ], default);
        await store.AppendToStream(ChargeRequestIds.Stream("meter-1"), ExpectedVersion.NoStream,
            [new ChargeRequested("meter-1", cloud, 50m, account, At)], default);

        var stream = await store.ReadStream(BillingAccountIds.Stream(account), default);
        Assert.Equal(["billing.account-opened.v1", "billing.charge-accrued.v1", "billing.outstanding-paid.v1", "billing.charge-accrued.v2",
            "billing.outstanding-paid.v2"], stream.Events.Select(e => e.EventType));
        var state = stream.Events.Select(e => e.Data).Aggregate(BillingAccountRecord.Initial, BillingAccountRecord.Evolve);
        Assert.Equal((30m, 0m, 5L), (state.Outstanding, state.InitialGrant, state.Version));
        Assert.Equal(new AccruedCharge(cloud, 50m), state.Charges["meter-1"]);
        Assert.Equal(20m, state.Payments["pay-1"]);
        // A retry of the charge adds nothing, decided from what was read back.
        Assert.Empty(BillingAccountRecord.Decide(new RecordCharge("meter-1", cloud, 50m, "RUB", At), state));

        var request = await store.ReadStream(ChargeRequestIds.Stream("meter-1"), default);
        Assert.Equal(account, request.Events.Select(e => e.Data).Aggregate(ChargeRequestRecord.Initial, ChargeRequestRecord.Evolve).BillingAccountId);
    }
}
