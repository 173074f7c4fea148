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
