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
/// <param name="CustomerName">The record's name, passed on to Identity/Roles for the organization; null in events stored before it.</param>
public sealed record SubaccountOpened(string BillingAccountId, string PartnerAccountId, string CustomerAccountId, string CustomerId,
    DateTimeOffset At, string? CustomerName = null);

/// <summary>
/// A charge for a cloud bound to this account: the unspent grant covered <paramref name="CoveredByGrant"/>, the rest
/// was added to what the account owes. Carries the currency so the event alone says what to publish. V1, from before
/// charges carried a request ID: still folded and published, no longer written (see <see cref="ChargeAccruedV2"/>).
/// </summary>
public sealed record ChargeAccrued(string CloudId, decimal Amount, decimal CoveredByGrant, decimal AddedToOutstanding, string Currency,
    DateTimeOffset At);

/// <summary>
/// A charge for a cloud bound to this account, named by the metering system's <paramref name="RequestId"/>: a retry of
/// the same request finds it here and adds nothing. Otherwise as <see cref="ChargeAccrued"/>.
/// </summary>
public sealed record ChargeAccruedV2(string RequestId, string CloudId, decimal Amount, decimal CoveredByGrant, decimal AddedToOutstanding,
    string Currency, DateTimeOffset At);

/// <summary>V1: the account paid everything it owed, with no reference. Still folded and published, no longer written.</summary>
public sealed record OutstandingPaid(decimal Amount, string Currency, DateTimeOffset At);

/// <summary>
/// The owner paid <paramref name="Amount"/> (at most what was owed) under its <paramref name="PaymentReference"/>; a
/// retry with the same reference finds it here and pays nothing more.
/// </summary>
public sealed record OutstandingPaidV2(string PaymentReference, decimal Amount, string Currency, DateTimeOffset At);

/// <summary>
/// The account pays for the cloud from now on. The cloud stream is the source of truth of the binding; this copies it
/// here so the account knows its clouds without lag. <paramref name="CloudVersion"/> is the cloud stream version that
/// bound it, so a late or repeated copy never undoes a newer one.
/// </summary>
public sealed record CloudBound(string CloudId, long CloudVersion, DateTimeOffset At);

/// <summary>The cloud moved away (at <paramref name="CloudVersion"/> of its stream); charges so far stay here.</summary>
public sealed record CloudUnbound(string CloudId, long CloudVersion, DateTimeOffset At);

/// <summary>
/// The customer confirmed the partnership this subaccount was opened for: from now on it may pay for clouds. Until
/// then nothing is billed to it.
/// </summary>
public sealed record SubaccountActivated(DateTimeOffset At);

/// <summary>
/// The partnership this subaccount was opened for ended: no cloud may be created in it or linked into it any more; the
/// clouds in it stay billed to it until moved, and it keeps what it owes.
/// </summary>
public sealed record SubaccountPartnershipEnded(DateTimeOffset At);

/// <summary>
/// An operator suspended the partnership as of <paramref name="CustomerVersion"/> of the customer record: no cloud may be
/// created in the subaccount or linked into it until it is resumed; the clouds in it stay billed to it.
/// </summary>
public sealed record SubaccountSuspended(long CustomerVersion, DateTimeOffset At);

/// <summary>
/// The partnership runs again as of <paramref name="CustomerVersion"/> of the customer record. Also recorded when the
/// subaccount was not (yet) known as suspended, so that a suspension of an earlier version arriving later changes nothing.
/// </summary>
public sealed record SubaccountResumed(long CustomerVersion, DateTimeOffset At);
