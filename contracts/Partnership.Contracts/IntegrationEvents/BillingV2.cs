using System.Text.Json.Serialization;
using MassTransit;
using Partnership.Contracts.IntegrationEvents.Json;

namespace Partnership.Contracts.IntegrationEvents;

// .NET names end in IntegrationEvent, unlike the domain events of the same facts; [MessageUrn] keeps the messageType
// they were published with before (no suffix), which MassTransit subscribers match on: the wire names are unchanged.

// Version 2 of the events that carry money: the same facts with every amount as a decimal string with exactly two places
// ("4000.00"), as in gRPC. Published beside version 1, which stays as it was (MassTransit's decimal strings with as many
// places as the value had: "4000", "130.5") and is deprecated.

/// <summary>An account's own billing account, in trial mode with its initial grant.</summary>
/// <param name="InitialGrant">Amount in <paramref name="Currency"/>, e.g. "4000.00".</param>
[EntityName("partnership.billing-account-created.v2")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:BillingAccountCreatedV2")]
public sealed record BillingAccountCreatedV2IntegrationEvent(string BillingAccountId, string OwnerAccountId,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal InitialGrant, string Currency, DateTimeOffset OccurredAt);

/// <summary>A billing account switched to paid consumption; the unspent initial grant stays on it.</summary>
/// <param name="InitialGrantRemaining">Amount in <paramref name="Currency"/>, e.g. "1250.00".</param>
[EntityName("partnership.switched-to-paid-consumption.v2")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:SwitchedToPaidConsumptionV2")]
public sealed record SwitchedToPaidConsumptionV2IntegrationEvent(string BillingAccountId, string OwnerAccountId,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal InitialGrantRemaining, string Currency, DateTimeOffset OccurredAt);

/// <summary>A cloud's binding moved: <paramref name="ToBillingAccountId"/> pays for it from now on.</summary>
/// <param name="LinkedByAccountId">Who linked it (the customer or the partner).</param>
/// <param name="OutstandingOnPreviousAccount">What the previous account owes, e.g. "25.00": charges so far stay there, to be paid.</param>
[EntityName("partnership.cloud-linked.v2")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CloudLinkedV2")]
public sealed record CloudLinkedV2IntegrationEvent(string CloudId, string FromBillingAccountId, string ToBillingAccountId, string LinkedByAccountId,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal OutstandingOnPreviousAccount, string Currency, DateTimeOffset OccurredAt);

/// <summary>A charge for a cloud accrued to the billing account it is bound to (once per <paramref name="RequestId"/>).</summary>
/// <param name="Amount">The whole charge, e.g. "130.00".</param>
/// <param name="CoveredByGrant">The part the initial grant paid.</param>
/// <param name="AddedToOutstanding">The part the account now owes.</param>
/// <param name="RequestId">The metering system's request ID for the charge; null for charges recorded before RecordCharge took one.</param>
[EntityName("partnership.charge-recorded.v2")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:ChargeRecordedV2")]
public sealed record ChargeRecordedV2IntegrationEvent(string BillingAccountId, string CloudId,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal Amount,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal CoveredByGrant,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal AddedToOutstanding,
    string Currency, DateTimeOffset OccurredAt, string? RequestId);

/// <summary>A billing account paid <paramref name="Amount"/> of what it owed (once per <paramref name="PaymentReference"/>).</summary>
/// <param name="Amount">e.g. "30.00".</param>
/// <param name="PaymentReference">The payer's reference; null for payments made before PayOutstanding took one.</param>
[EntityName("partnership.outstanding-paid.v2")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:OutstandingPaidV2")]
public sealed record OutstandingPaidV2IntegrationEvent(string BillingAccountId,
    [property: JsonConverter(typeof(MoneyAmountJsonConverter))] decimal Amount, string Currency, DateTimeOffset OccurredAt,
    string? PaymentReference);
