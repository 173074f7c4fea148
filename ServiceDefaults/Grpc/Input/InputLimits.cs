namespace Partnership.ServiceDefaults.Grpc.Input;

/// <summary>
/// Bounds every request holds to before any handler sees it (section "Input"). Field-specific, tighter limits stay
/// in the domain; these only keep unbounded input out of stores, logs and status details.
/// </summary>
public sealed class InputLimits
{
    public const string Section = "Input";

    /// <summary>Longest string field, in UTF-16 code units.</summary>
    public int MaxStringLength { get; set; } = 1024;

    /// <summary>Most entries in one repeated or map field.</summary>
    public int MaxRepeatedCount { get; set; } = 1000;
}
