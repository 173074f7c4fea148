using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public sealed partial record BillingAccountRecord
{
    // The unspent initial grant pays first, in every mode; only what it cannot cover is owed.
    private static IReadOnlyList<object> Charge(RecordCharge c, BillingAccountRecord state)
    {
        if (!state.Exists) throw DomainException.NotFound("No billing account for this cloud.");
        if (!state.Billable)
            throw DomainException.Precondition($"Subaccount {state.BillingAccountId} is not billed until its customer confirms the partnership.");
        if (c.Amount <= 0m) throw DomainException.Invalid("amount", "must be positive.");
        var covered = Math.Min(c.Amount, Math.Max(state.InitialGrant, 0m));
        return [new ChargeAccrued(c.CloudId, c.Amount, covered, c.Amount - covered, state.CurrencyOr(c.ConfiguredCurrency), c.Now)];
    }

    private static IReadOnlyList<object> Pay(PayOutstanding c, BillingAccountRecord state)
    {
        // Someone who may not even see the account learns nothing about it.
        if (!state.IsVisibleTo(c.CallerAccountId)) throw DomainException.NotFound("No such billing account.");
        if (state.OwnerAccountId != c.CallerAccountId)
            throw DomainException.Denied("Only the owner of a billing account pays what it owes; for a partner subaccount, the partner.");
        if (state.Outstanding <= 0m) return [];
        return [new OutstandingPaid(state.Outstanding, state.CurrencyOr(c.ConfiguredCurrency), c.Now)];
    }
}
