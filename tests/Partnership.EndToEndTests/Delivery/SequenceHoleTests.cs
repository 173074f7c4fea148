using Npgsql;
using Partnership.Contracts.Customers.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests.Delivery;

/// <summary>
/// A failed append burns sequence numbers, and every hole holds back its store's daemon. With stream lanes and group
/// commit's version check no service conflicts with itself, so a wave of concurrent onboardings leaves no hole in any store.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SequenceHoleTests(PartnershipSystem system, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Partners = 3, CustomersEach = 6;

    [Fact]
    public async Task A_wave_of_concurrent_onboardings_leaves_no_sequence_hole_in_any_store()
    {
        var before = await Holes();
        var partners = await Task.WhenAll(Enumerable.Range(0, Partners).Select(_ => system.NewPartner()));

        var onboardings = await Task.WhenAll(partners.SelectMany(partner => Enumerable.Range(0, CustomersEach).Select(async i =>
        {
            var customer = await system.RegisterAccount("customer");
            var created = await system.AddCustomer(partner, customer, name: $"Wave {i}");
            var record = await system.Provisioned(partner, created.CustomerId);
            await Eventually.Get(() => Task.FromResult(system.Smtp.To(customer.Email)), m => m.Count > 0, TimeSpan.FromSeconds(60),
                "the confirmation email");
            await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
            return created.CustomerId;
        })));
        foreach (var customerId in onboardings)
        {
            await Eventually.True(() => system.Tap.For("partnership.partnership-confirmed.v1", "customerId", customerId).Count > 0,
                TimeSpan.FromSeconds(60), "the partnership confirmation");
            await Eventually.True(() => system.Tap.For("partnership.access-binding-granted.v1", "customerId", customerId).Count == 4,
                TimeSpan.FromSeconds(60), "the onboarding's grants");
        }
        // Consumers of the last events (Billing's learned access, its activation) may still append: wait for quiet.
        await Quiet();

        var after = await Holes();
        foreach (var schema in PartnershipSystem.Services)
            output.WriteLine($"{schema}: {after[schema].Events} events, {after[schema].Holes - before[schema].Holes} new holes");
        Assert.All(PartnershipSystem.Services, schema => Assert.Equal(before[schema].Holes, after[schema].Holes));
        Assert.All(PartnershipSystem.Services, schema => Assert.True(after[schema].Events > before[schema].Events, $"{schema} stored nothing"));
    }

    private async Task Quiet()
    {
        var last = await Holes();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = await Holes();
            if (PartnershipSystem.Services.All(s => now[s] == last[s])) return;
            last = now;
        }
    }

    /// <summary>Per store: events stored, and sequence numbers below the highest that hold no event.</summary>
    private async Task<Dictionary<string, (long Events, long Holes)>> Holes()
    {
        await using var connection = new NpgsqlConnection(system.Postgres);
        await connection.OpenAsync();
        var result = new Dictionary<string, (long, long)>();
        foreach (var schema in PartnershipSystem.Services)
        {
            await using var command = new NpgsqlCommand($"select count(*), coalesce(max(seq_id), 0) - count(*) from {schema}.mt_events", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[schema] = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return result;
    }
}
