using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Opening;

internal static class OpenOnce
{
    /// <summary>
    /// Opens a billing account on its deterministic stream. A redelivered message finds the account open and the
    /// decision yields nothing; two deliveries racing both append with no stream expected, and the one that finds
    /// the stream already there has nothing to do.
    /// </summary>
    public static async Task OpenOnceAsync(this IEventStore store, string billingAccountId, BillingAccountCommand open, CancellationToken ct)
    {
        var streamId = BillingAccountIds.Stream(billingAccountId);
        var stream = await store.ReadStream(streamId, ct);
        var state = stream.Events.Select(e => e.Data).Fold(BillingAccountRecord.Initial, BillingAccountRecord.Evolve);
        var events = BillingAccountRecord.Decide(open, state);
        if (events.Count == 0) return;
        try
        {
            await store.AppendToStream(streamId, ExpectedVersion.NoStream, events, ct);
        }
        catch (WrongExpectedVersionException)
        {
            // Opened by a concurrent delivery of the same message: nothing to do.
        }
    }
}
