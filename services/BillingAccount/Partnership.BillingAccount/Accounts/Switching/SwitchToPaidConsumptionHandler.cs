using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Switching;

/// <summary>The caller switches its own billing account to paid consumption; the unspent grant stays on it.</summary>
public sealed class SwitchToPaidConsumptionHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<BillingAccountRecord>> Handle(string callerAccountId, CancellationToken ct) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(BillingAccountIds.Personal(callerAccountId)),
            new SwitchToPaidConsumption(clock.GetUtcNow()), ct);
}
