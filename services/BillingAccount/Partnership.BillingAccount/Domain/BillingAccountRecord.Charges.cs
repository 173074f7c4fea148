using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public sealed partial record BillingAccountRecord
{
    // The unspent initial grant pays first, in every mode; only what it cannot cover is owed.
    private static IReadOnlyList<object> Charge(RecordCharge c, BillingAccountRecord state)
    {
        ClientKey.Check(c.RequestId, "request_id", "so that a retried charge counts once");
        MoneyAmount.Check(c.Amount);
        if (!state.Exists) throw DomainException.NotFound("No billing account for this cloud.");
        if (state.Charges.TryGetValue(c.RequestId, out var earlier))
        {
            if (earlier == new AccruedCharge(c.CloudId, c.Amount)) return [];
            throw DomainException.AlreadyExists(
                $"request_id already names another charge (cloud {earlier.CloudId}, {MoneyAmount.Show(earlier.Amount, state.CurrencyOr(c.ConfiguredCurrency))}); a new charge needs a new request_id.");
        }
        if (!state.Chargeable)
            throw DomainException.Precondition($"Subaccount {state.BillingAccountId} is not billed until its customer confirms the partnership.");
        var covered = Math.Min(c.Amount, Math.Max(state.InitialGrant, 0m));
        return [new ChargeAccruedV2(c.RequestId, c.CloudId, c.Amount, covered, c.Amount - covered, state.CurrencyOr(c.ConfiguredCurrency), c.Now)];
    }

    private static IReadOnlyList<object> Pay(PayOutstanding c, BillingAccountRecord state)
    {
        MoneyAmount.Check(c.Amount);
        ClientKey.Check(c.PaymentReference, "payment_reference", "so that a retried payment is not counted twice");
        // Someone who may not even see the account learns nothing about it.
        if (!state.IsVisibleTo(c.CallerAccountId)) throw DomainException.NotFound("No such billing account.");
        if (state.OwnerAccountId != c.CallerAccountId)
            throw DomainException.Denied("Only the owner of a billing account pays what it owes; for a partner subaccount, the partner.");
        var currency = state.CurrencyOr(c.ConfiguredCurrency);
        // A retry is recognised before the version and the debt are looked at: both have changed since the first attempt.
        if (state.Payments.TryGetValue(c.PaymentReference, out var paid))
        {
            if (paid == c.Amount) return [];
            throw DomainException.AlreadyExists(
                $"payment_reference was already used for a payment of {MoneyAmount.Show(paid, currency)}; a new payment needs a new reference.");
        }
        if (c.ExpectedVersion is { } expected && expected != state.Version)
            throw DomainException.Precondition(
                $"The billing account is at version {state.Version}, not at expected_version {expected}; read it again before paying.");
        if (c.Amount > state.Outstanding)
            throw DomainException.Precondition(
                $"The billing account owes {MoneyAmount.Show(state.Outstanding, currency)}; a payment may not exceed what is owed.");
        return [new OutstandingPaidV2(c.PaymentReference, c.Amount, currency, c.Now)];
    }
}
