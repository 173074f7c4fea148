namespace Partnership.Benchmarks;

/// <summary>What one run does; every figure has a default, so a bare run is the reference run.</summary>
public sealed record Options
{
    public int Onboardings { get; init; } = 1000;
    public int Concurrency { get; init; } = 64;
    // Enough for the JIT's tier-up of the hot paths to finish before the clock starts: with 4, a fifth of the services'
    // CPU in the measured phase was the JIT compiling (perf, 2026-12-03), a start-up cost and not the steady state.
    public int Warmup { get; init; } = 400;
    public int IdleSeconds { get; init; } = 30;
    public int SettleSeconds { get; init; } = 15;
    public int TimeoutSeconds { get; init; } = 180;
    public int LimitSeconds { get; init; } = 5;
    public int Messages { get; init; } = 20_000;

    public const string Usage = """
        dotnet run -c Release --project benchmarks/Partnership.Benchmarks -- [options]
          --onboardings N     customers onboarded in the measured phase (1000)
          --concurrency C     onboardings in flight, each from its create to its completion (64)
          --warmup N          whole onboardings before the measured phase, not counted (400)
          --idle-seconds S    idle CPU measured over S seconds after the load has settled (30)
          --settle-seconds S  wait after the load before measuring idle CPU: stragglers, the JIT's tier-up (15)
          --timeout S         the measured phase's limit: S seconds plus 0.1 s per onboarding (180)
          --limit-seconds S   each batched-insert limit runs S seconds (5)
          --messages N        MassTransit publish -> consume -> ack limit: N messages (20000)
        """;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is "-h" or "--help") throw new ArgumentException("Usage:");
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var v) || v < 0)
                throw new ArgumentException($"{args[i]} needs a non-negative integer.");
            options = args[i] switch
            {
                "--onboardings" => options with { Onboardings = v }, "--concurrency" => options with { Concurrency = v },
                "--warmup" => options with { Warmup = v }, "--idle-seconds" => options with { IdleSeconds = v },
                "--settle-seconds" => options with { SettleSeconds = v },
                "--timeout" => options with { TimeoutSeconds = v }, "--limit-seconds" => options with { LimitSeconds = v },
                "--messages" => options with { Messages = v },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return options;
    }
}
