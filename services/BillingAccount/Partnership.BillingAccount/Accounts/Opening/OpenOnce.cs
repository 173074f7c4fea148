using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Opening;

internal static class OpenOnce
{
    /// <summary>
    /// Opens a billing account on its deterministic stream. A redelivered message finds the account open and the
    /// decision yields nothing; of two deliveries racing, the one whose append conflicts decides again, on the open
    /// account, and has nothing to do.
    /// </summary>
    public static Task OpenOnceAsync(this IEventStore store, string billingAccountId, BillingAccountCommand open, CancellationToken ct) =>
        new CommandHandler(store).Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId), open, ct);
}
