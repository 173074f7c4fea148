namespace Partnership.FaultTests;

/// <summary>
/// When a scenario runs: the environment variable FAULTS picks the set. Unset, none runs: a scenario holds a whole system
/// (about 60 PostgreSQL connections), so scripts/test.sh runs this project on its own after the solution, with
/// FAULTS=quick; scripts/faults.sh sets FAULTS=1 or long.
/// </summary>
public enum FaultRun
{
    /// <summary>In every test run (FAULTS=quick, 1 or long), CI included: quick scenarios only, its budget is minutes.</summary>
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
            FaultRun.Always => asked is "quick" or "1" or "long",
            FaultRun.OnRequest => asked is "1" or "long",
            _ => asked is "long",
        };
        if (!runs)
            Skip = run switch
            {
                FaultRun.Long => "Long fault scenario: bash scripts/faults.sh --long (FAULTS=long)",
                FaultRun.OnRequest => "Fault scenario: bash scripts/faults.sh (FAULTS=1)",
                _ => "Quick fault scenario: run by scripts/test.sh after the solution (FAULTS=quick)",
            };
    }
}
