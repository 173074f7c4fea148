namespace Partnership.FaultTests;

/// <summary>When a scenario runs: the environment variable FAULTS picks the set (scripts/faults.sh sets it).</summary>
public enum FaultRun
{
    /// <summary>In every test run, CI included: quick scenarios only, the suite's budget is minutes.</summary>
    Always,
    /// <summary>With FAULTS=1 or FAULTS=long.</summary>
    OnRequest,
    /// <summary>With FAULTS=long only: outages of ten minutes.</summary>
    Long,
}

/// <summary>A fault scenario; skipped, saying how to run it, unless FAULTS asks for its set.</summary>
public sealed class FaultFactAttribute : FactAttribute
{
    public FaultFactAttribute(FaultRun run = FaultRun.OnRequest)
    {
        var asked = Environment.GetEnvironmentVariable("FAULTS")?.Trim().ToLowerInvariant() ?? "";
        var runs = run switch
        {
            FaultRun.Always => true,
            FaultRun.OnRequest => asked is "1" or "long",
            _ => asked is "long",
        };
        if (!runs)
            Skip = run == FaultRun.Long
                ? "Long fault scenario: bash scripts/faults.sh --long (FAULTS=long)"
                : "Fault scenario: bash scripts/faults.sh (FAULTS=1)";
    }
}
