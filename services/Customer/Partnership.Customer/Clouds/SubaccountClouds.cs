using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Clouds;

/// <summary>Keeps a customer record's list of clouds in step with what its subaccount pays for.</summary>
public sealed class SubaccountClouds(CommandHandler commands, IEventStore store, TimeProvider clock)
{
    /// <summary>The cloud came into <paramref name="billingAccountId"/> or left it; nothing when that is no partner subaccount.</summary>
    public async Task Track(string billingAccountId, string cloudId, bool inSubaccount, CancellationToken ct)
    {
        // Only partner subaccounts have a customer record; other billing accounts are not ours to track.
        var index = await store.ReadStream(CustomerIds.SubaccountIndexStream(billingAccountId), ct);
        if (index.Events.Select(e => e.Data).OfType<SubaccountIndexed>().FirstOrDefault() is not { } indexed) return;
        await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(indexed.CustomerId),
            new TrackCloud(cloudId, inSubaccount, clock.GetUtcNow()), ct);
    }
}
