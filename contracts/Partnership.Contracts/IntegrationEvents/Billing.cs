using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

// .NET names end in IntegrationEvent, unlike the domain events of the same facts; [MessageUrn] keeps the messageType
// they were published with before (no suffix), which MassTransit subscribers match on: the wire names are unchanged.

/// <summary>An account's own billing account, in trial mode with its initial grant.</summary>
/// <param name="InitialGrant">Decimal amount in <paramref name="Currency"/>.</param>
[EntityName("partnership.billing-account-created.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:BillingAccountCreated")]
public sealed record BillingAccountCreatedIntegrationEvent(string BillingAccountId, string OwnerAccountId, decimal InitialGrant, string Currency,
    DateTimeOffset OccurredAt);

/// <summary>A billing account switched to paid consumption; the unspent initial grant stays on it.</summary>
[EntityName("partnership.switched-to-paid-consumption.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:SwitchedToPaidConsumption")]
public sealed record SwitchedToPaidConsumptionIntegrationEvent(string BillingAccountId, string OwnerAccountId, decimal InitialGrantRemaining,
    string Currency, DateTimeOffset OccurredAt);

/// <summary>The partner subaccount opened for a customer record.</summary>
/// <param name="SubaccountId">"dn2" + 17 lowercase letters and digits.</param>
/// <param name="CustomerName">The customer record's name, which the customer's organization is named after (Identity/Roles
/// creates it on this event); null in messages about subaccounts opened before the field was added.</param>
[EntityName("partnership.subaccount-created.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:SubaccountCreated")]
public sealed record SubaccountCreatedIntegrationEvent(string SubaccountId, string CustomerId, string PartnerAccountId, string CustomerAccountId,
    DateTimeOffset OccurredAt, string? CustomerName = null);

/// <summary>A cloud was created, bound to a billing account.</summary>
/// <param name="CloudId">"b1g" + 17 lowercase letters and digits.</param>
[EntityName("partnership.cloud-created.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CloudCreated")]
public sealed record CloudCreatedIntegrationEvent(string CloudId, string Name, string OrganizationId, string CreatorAccountId, string BillingAccountId,
    DateTimeOffset OccurredAt);

/// <summary>A cloud's binding moved: <paramref name="ToBillingAccountId"/> pays for it from now on.</summary>
/// <param name="LinkedByAccountId">Who linked it (the customer or the partner).</param>
/// <param name="OutstandingOnPreviousAccount">What the previous account owes: charges so far stay there, to be paid.</param>
[EntityName("partnership.cloud-linked.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CloudLinked")]
public sealed record CloudLinkedIntegrationEvent(string CloudId, string FromBillingAccountId, string ToBillingAccountId, string LinkedByAccountId,
    decimal OutstandingOnPreviousAccount, string Currency, DateTimeOffset OccurredAt);

/// <summary>A charge for a cloud accrued to the billing account it is bound to.</summary>
/// <param name="CoveredByGrant">The part the initial grant paid.</param>
/// <param name="AddedToOutstanding">The part the account now owes.</param>
/// <param name="RequestId">
/// The metering system's request ID for the charge (one charge per request ID); null for charges recorded before
/// RecordCharge took one. Added later, so older messages lack it.
/// </param>
[EntityName("partnership.charge-recorded.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:ChargeRecorded")]
public sealed record ChargeRecordedIntegrationEvent(string BillingAccountId, string CloudId, decimal Amount, decimal CoveredByGrant,
    decimal AddedToOutstanding, string Currency, DateTimeOffset OccurredAt, string? RequestId = null);

/// <summary>A billing account paid <paramref name="Amount"/> of what it owed (all of it, before partial payments).</summary>
/// <param name="PaymentReference">
/// The payer's reference (one payment per reference and account); null for payments made before PayOutstanding took
/// one. Added later, so older messages lack it.
/// </param>
[EntityName("partnership.outstanding-paid.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:OutstandingPaid")]
public sealed record OutstandingPaidIntegrationEvent(string BillingAccountId, decimal Amount, string Currency, DateTimeOffset OccurredAt,
    string? PaymentReference = null);
