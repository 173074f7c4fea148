using Partnership.EndToEndTests;

namespace Partnership.FaultTests;

/// <summary>One customer onboarding of a wave, as the client and the test observed it.</summary>
public sealed class Onboarding(Account partner, Account customer)
{
    public Account Partner { get; } = partner;
    public Account Customer { get; } = customer;
    /// <summary>The client's idempotency key: every retry sends the same one.</summary>
    public string RequestId { get; } = Guid.NewGuid().ToString();
    public string? CustomerId { get; set; }
    public int Attempts { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? ProvisionedAt { get; set; }
    public DateTime? EmailedAt { get; set; }
}
