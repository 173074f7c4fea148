namespace Partnership.ServiceDefaults.Grpc.RateLimiting;

/// <summary>
/// Per-caller token bucket for write RPCs (section "RateLimiting"). The defaults let one partner create about
/// 1,000 customers a second (the benchmark's load) with room to spare; they stop a runaway client, not a busy one.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Tokens added per second to each caller's bucket.</summary>
    public int WritesPerSecond { get; set; } = 2000;

    /// <summary>Bucket size: how many writes a caller may make at once after being idle.</summary>
    public int Burst { get; set; } = 4000;
}
