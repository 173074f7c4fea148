namespace Partnership.BillingAccount;

/// <summary>What a new personal billing account is granted: configuration, not code.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";
    public decimal InitialGrant { get; set; } = 4000m;
    public string Currency { get; set; } = "RUB";
}
