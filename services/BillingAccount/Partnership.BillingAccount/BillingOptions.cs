namespace Partnership.BillingAccount;

/// <summary>What a new personal billing account is granted: configuration, not code.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";
    public decimal InitialGrant { get; set; } = 4000m;
    public string Currency { get; set; } = "RUB";

    /// <summary>How long a create or link waits for a just-confirmed partnership's event before refusing.</summary>
    public TimeSpan ActivationWait { get; set; } = TimeSpan.FromSeconds(10);
}
