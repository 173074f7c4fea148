namespace Partnership.BillingAccount.Domain;

public abstract record BillingAccountCommand;

/// <summary>The grant and currency come from configuration in the command, so the decision stays pure.</summary>
public sealed record OpenPersonalAccount(string BillingAccountId, string OwnerAccountId, decimal InitialGrant, string Currency,
    DateTimeOffset Now) : BillingAccountCommand;

public sealed record OpenSubaccount(string BillingAccountId, string PartnerAccountId, string CustomerAccountId, string CustomerId,
    DateTimeOffset Now, string? CustomerName = null) : BillingAccountCommand;

public sealed record SwitchToPaidConsumption(DateTimeOffset Now) : BillingAccountCommand;

/// <summary>The customer confirmed the partnership (Customer's PartnershipConfirmed).</summary>
public sealed record ActivateSubaccount(DateTimeOffset Now) : BillingAccountCommand;

/// <summary>The partner or the customer ended the partnership (Customer's PartnershipEnded).</summary>
public sealed record EndSubaccountPartnership(DateTimeOffset Now) : BillingAccountCommand;

/// <summary>An operator suspended the partnership (Customer's PartnershipSuspended), as of that customer record version.</summary>
public sealed record SuspendSubaccount(long CustomerVersion, DateTimeOffset Now) : BillingAccountCommand;

/// <summary>An operator resumed the partnership (Customer's PartnershipResumed), as of that customer record version.</summary>
public sealed record ResumeSubaccount(long CustomerVersion, DateTimeOffset Now) : BillingAccountCommand;

/// <summary>
/// The charge <paramref name="RequestId"/> names, on the account its charge request was first recorded for.
/// <paramref name="ConfiguredCurrency"/> is the currency of accounts that carry none (subaccounts), from configuration so
/// the decision stays pure.
/// </summary>
public sealed record RecordCharge(string RequestId, string CloudId, decimal Amount, string ConfiguredCurrency, DateTimeOffset Now)
    : BillingAccountCommand;

/// <summary>
/// The caller pays <paramref name="Amount"/> of what the account owes, under its own <paramref name="PaymentReference"/>;
/// when <paramref name="ExpectedVersion"/> is set, only if the account is still at that version.
/// </summary>
public sealed record PayOutstanding(string CallerAccountId, decimal Amount, string PaymentReference, long? ExpectedVersion,
    string ConfiguredCurrency, DateTimeOffset Now) : BillingAccountCommand;

/// <summary>Copy a binding from the cloud stream: the cloud is bound here as of <paramref name="CloudVersion"/>.</summary>
public sealed record BindCloud(string CloudId, long CloudVersion, DateTimeOffset Now) : BillingAccountCommand;

/// <summary>Copy a move away from the cloud stream, as of <paramref name="CloudVersion"/>.</summary>
public sealed record UnbindCloud(string CloudId, long CloudVersion, DateTimeOffset Now) : BillingAccountCommand;
