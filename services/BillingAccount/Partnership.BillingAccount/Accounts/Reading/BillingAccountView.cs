using Partnership.BillingAccount.Domain;
using JasperFx.Core;

namespace Partnership.BillingAccount.Accounts.Reading;

/// <summary>The billing accounts an account may list: one document per billing account.</summary>
public sealed class BillingAccountView
{
    public string Id { get; set; } = "";
    /// <summary>The account's stream version, set by the projection (ignored by Marten, which would put the event's global sequence here).</summary>
    [JasperFxIgnore]
    public long Version { get; set; }
    public BillingAccountKind Kind { get; set; }
    /// <summary>For a personal account its owner; for a subaccount the partner.</summary>
    public string OwnerAccountId { get; set; } = "";
    /// <summary>For a subaccount: the customer's account and customer record; else empty.</summary>
    public string CustomerAccountId { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public ConsumptionMode Mode { get; set; }
    /// <summary>What is left of the initial grant.</summary>
    public decimal InitialGrant { get; set; }
    /// <summary>Charges the grant did not cover, not yet paid.</summary>
    public decimal Outstanding { get; set; }
    /// <summary>The clouds it pays for now, in the order they were bound.</summary>
    public List<string> CloudIds { get; set; } = [];
    public string Currency { get; set; } = "";
    /// <summary>
    /// Whether it may take new clouds now: personal accounts always, subaccounts while their partnership is Active (confirmed,
    /// not ended, not suspended); see <see cref="BillingAccountRecord.Billable"/>.
    /// </summary>
    public bool Billable { get; set; }
    /// <summary>For a subaccount: the states of its partnership Billable is made of (Activated may follow Ended in the stream).</summary>
    public bool PartnershipActive { get; set; }
    public bool PartnershipEnded { get; set; }
    public bool PartnershipSuspended { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
