using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

/// <summary>
/// CreateCustomer answers from what the Customer service learned from events, within the README's lag rule: a partner
/// status granted a moment ago is never refused (a learned "no" is confirmed live), and a withdrawal stops creates
/// within 1 s of its event.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LearnedFactsTests(PartnershipSystem system)
{
    private static readonly TimeSpan LagRule = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_partner_who_just_got_status_and_switched_to_paid_can_add_a_customer_at_once()
    {
        // No waiting between the steps: the Customer service may not have consumed any of their events yet.
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var created = await system.AddCustomer(partner, customer);
        Assert.Equal(1, created.Version);
    }

    [Fact]
    public async Task A_withdrawn_partner_status_stops_creates_within_a_second_of_its_event()
    {
        var partner = await system.NewPartner();
        // The learned copy says "partner, paid" before the withdrawal, so it is the learned copy that must change.
        await Eventually.Get(() => LearnedPartnerAndPaid(partner.Id), learned => learned, what: "the partner learned as partner and paid");
        await system.AddCustomer(partner, await system.RegisterAccount("customer"));

        await system.Accounts.WithdrawPartnerStatusAsync(new PartnerStatusRequest { AccountId = partner.Id }, system.Operator.Auth);
        await Eventually.True(() => system.Tap.For("partnership.partner-status-withdrawn.v1", "accountId", partner.Id).Count > 0,
            what: "the withdrawal on the event tap");
        var observed = Stopwatch.StartNew();

        var another = await system.RegisterAccount("customer");
        if (observed.Elapsed < LagRule) await Task.Delay(LagRule - observed.Elapsed);
        var error = await Scenario.Refused(() => system.AddCustomer(partner, another));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("no partner status", error.Status.Detail);
    }

    /// <summary>Read from the Customer service's own learned stream of the account (as the test's administrator).</summary>
    private async Task<bool> LearnedPartnerAndPaid(string accountId)
    {
        await using var connection = new NpgsqlConnection(system.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT type, data::text FROM customer.mt_events WHERE stream_id = @stream ORDER BY version", connection);
        command.Parameters.AddWithValue("stream", "learned-account-" + accountId);
        var (partner, paid) = (false, false);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var holds = reader.GetString(1).Replace(" ", "").Contains("\":true", StringComparison.Ordinal);
            if (reader.GetString(0) == "customer.learned-partner-status.v1") partner = holds;
            if (reader.GetString(0) == "customer.learned-paid-mode.v1") paid = holds;
        }
        return partner && paid;
    }
}
