using Partnership.EndToEndTests;
using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>
/// Redeliveries out of order: every customer's CustomerProvisioned and then its CustomerCreated arrive again, the
/// same messages (same MessageId) published by their owner, the Customer service's broker user, as a broker
/// redelivery or a publisher's retry would bring them.
/// </summary>
public sealed class DuplicateDeliveryTests(ITestOutputHelper output) : FaultScenario(output)
{
    private const string Created = "partnership.customer-created.v1";
    private const string Provisioned = "partnership.customer-provisioned.v1";

    [FaultFact(FaultRun.Always)]
    public async Task Duplicate_and_reordered_deliveries_send_one_email_each()
    {
        var (_, result) = await RunWave("duplicate + reordered deliveries", async () =>
        {
            var copied = new HashSet<string>();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            // Copies for each customer as soon as both originals went by, until every customer had its copies.
            while (copied.Count < 20 && DateTime.UtcNow < deadline)
            {
                foreach (var id in System.Tap.Events.Where(e => e.Exchange == Provisioned)
                             .Select(e => e.Message.GetProperty("customerId").GetString()!).Where(id => !copied.Contains(id)).ToList())
                {
                    var provisioned = System.Tap.For(Provisioned, "customerId", id)[0];
                    var created = System.Tap.For(Created, "customerId", id).FirstOrDefault();
                    if (created is null) continue;
                    await System.PublishAs("customer", Provisioned, provisioned.Body);
                    await System.PublishAs("customer", Created, created.Body);
                    copied.Add(id);
                }
                await Task.Delay(200);
            }
            return $"{copied.Count * 2} copies published";
        });
        OneEmailEach(result);
    }
}
