using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Paying;

/// <summary>The owner pays everything the account owes (for a subaccount, the partner); owing nothing is a no-op.</summary>
public sealed class PayOutstandingHandler(CommandHandler commands, IOptions<BillingOptions> billing, TimeProvider clock)
{
    public Task<CommandResult<BillingAccountRecord>> Handle(string callerAccountId, string? billingAccountId, CancellationToken ct)
    {
        if (!BillingAccountIds.IsValid(billingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        return commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId!),
            new PayOutstanding(callerAccountId, billing.Value.Currency, clock.GetUtcNow()), ct);
    }
}
