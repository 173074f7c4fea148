using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Paying;

/// <summary>
/// The owner pays part or all of what the account owes (for a subaccount, the partner), under a payment reference of
/// its own so that a retry is not counted twice; the rules are the decider's.
/// </summary>
public sealed class PayOutstandingHandler(CommandHandler commands, IOptions<BillingOptions> billing, TimeProvider clock)
{
    public Task<CommandResult<BillingAccountRecord>> Handle(string callerAccountId, string? billingAccountId, string? amount,
        string? paymentReference, long? expectedVersion, CancellationToken ct)
    {
        if (!BillingAccountIds.IsValid(billingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        var value = MoneyAmount.Parse(amount);
        var reference = ClientKey.Check(paymentReference, "payment_reference", "so that a retried payment is not counted twice");
        if (expectedVersion < 0) throw DomainException.Invalid("expected_version", "must not be negative.");
        return commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId!),
            new PayOutstanding(callerAccountId, value, reference, expectedVersion, billing.Value.Currency, clock.GetUtcNow()), ct);
    }
}
