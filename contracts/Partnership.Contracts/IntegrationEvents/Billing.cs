using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

/// <summary>An account's own billing account, in trial mode with its initial grant.</summary>
/// <param name="InitialGrant">Decimal amount in <paramref name="Currency"/>.</param>
[EntityName("partnership.billing-account-created.v1")]
public sealed record BillingAccountCreated(string BillingAccountId, string OwnerAccountId, decimal InitialGrant, string Currency,
    DateTimeOffset OccurredAt);

/// <summary>A billing account switched to paid consumption; the unspent initial grant stays on it.</summary>
[EntityName("partnership.switched-to-paid-consumption.v1")]
public sealed record SwitchedToPaidConsumption(string BillingAccountId, string OwnerAccountId, decimal InitialGrantRemaining,
    string Currency, DateTimeOffset OccurredAt);

/// <summary>The partner subaccount opened for a customer record.</summary>
/// <param name="SubaccountId">"dn2" + 17 lowercase letters and digits.</param>
[EntityName("partnership.subaccount-created.v1")]
public sealed record SubaccountCreated(string SubaccountId, string CustomerId, string PartnerAccountId, string CustomerAccountId,
    DateTimeOffset OccurredAt);

/// <summary>A cloud was created, bound to a billing account.</summary>
/// <param name="CloudId">"b1g" + 17 lowercase letters and digits.</param>
[EntityName("partnership.cloud-created.v1")]
public sealed record CloudCreated(string CloudId, string Name, string OrganizationId, string CreatorAccountId, string BillingAccountId,
    DateTimeOffset OccurredAt);

/// <summary>A cloud's binding moved: <paramref name="ToBillingAccountId"/> pays for it from now on.</summary>
/// <param name="LinkedByAccountId">Who linked it (the customer or the partner).</param>
/// <param name="OutstandingOnPreviousAccount">What the previous account owes: charges so far stay there, to be paid.</param>
[EntityName("partnership.cloud-linked.v1")]
public sealed record CloudLinked(string CloudId, string FromBillingAccountId, string ToBillingAccountId, string LinkedByAccountId,
    decimal OutstandingOnPreviousAccount, string Currency, DateTimeOffset OccurredAt);

/// <summary>A charge for a cloud accrued to the billing account it is bound to.</summary>
/// <param name="CoveredByGrant">The part the initial grant paid.</param>
/// <param name="AddedToOutstanding">The part the account now owes.</param>
/// <param name="RequestId">
/// The metering system's request ID for the charge (one charge per request ID); null for charges recorded before
/// RecordCharge took one. Added later, so older messages lack it.
/// </param>
[EntityName("partnership.charge-recorded.v1")]
public sealed record ChargeRecorded(string BillingAccountId, string CloudId, decimal Amount, decimal CoveredByGrant,
    decimal AddedToOutstanding, string Currency, DateTimeOffset OccurredAt, string? RequestId = null);

/// <summary>A billing account paid <paramref name="Amount"/> of what it owed (all of it, before partial payments).</summary>
/// <param name="PaymentReference">
/// The payer's reference (one payment per reference and account); null for payments made before PayOutstanding took
/// one. Added later, so older messages lack it.
/// </param>
[EntityName("partnership.outstanding-paid.v1")]
public sealed record OutstandingPaid(string BillingAccountId, decimal Amount, string Currency, DateTimeOffset OccurredAt,
    string? PaymentReference = null);
