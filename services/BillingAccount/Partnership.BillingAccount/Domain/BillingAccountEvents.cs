namespace Partnership.BillingAccount.Domain;

// Domain events of the billing-account stream. Stored names carry a version (see BillingAccountEventTypes);
// a change adds a V2 record beside these, never edits them.

/// <summary>An account's own billing account, opened in trial mode with the initial grant.</summary>
public sealed record PersonalAccountOpened(string BillingAccountId, string OwnerAccountId, decimal InitialGrant, string Currency,
    DateTimeOffset At);

/// <summary>
/// The account went to paid consumption; the unspent grant stays on it. Carries the owner and currency
/// so the event alone says what to publish.
/// </summary>
public sealed record SwitchedToPaidConsumption(string OwnerAccountId, decimal InitialGrantRemaining, string Currency, DateTimeOffset At);

/// <summary>A partner subaccount for a customer record; opened in paid mode (billed through the partner).</summary>
public sealed record SubaccountOpened(string BillingAccountId, string PartnerAccountId, string CustomerAccountId, string CustomerId,
    DateTimeOffset At);
