namespace Partnership.Benchmarks;

/// <summary>What one run does; every figure has a default, so a bare run is the reference run.</summary>
public sealed record BenchmarkOptions
{
    public int Onboardings { get; init; } = 200;
    public int Concurrency { get; init; } = 32;

    /// <summary>How long the onboardings may take to complete after the last create call returned.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Whole onboardings run before the measured phase (their own customer accounts), so it runs warm.</summary>
    public int WarmupOnboardings { get; init; } = 1;

    public int RawRows { get; init; } = 20_000;
    public int RawMessages { get; init; } = 20_000;
    public int RawInFlight { get; init; } = 500;

    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/Partnership.Benchmarks -- [options]
          --onboardings N       customers onboarded in the main phase (default 200)
          --concurrency C       CreateCustomer calls in flight; also the raw insert connections (default 32)
          --timeout SECONDS     completion timeout after the last create call (default 180)
          --warmup N            whole onboardings before the measured phase, not counted (default 1; 0 for none)
          --raw-rows N          rows for the raw PostgreSQL baseline (default 20000)
          --raw-messages N      messages for the raw RabbitMQ baseline (default 20000)
          --raw-in-flight N     unconfirmed publishes in flight for the RabbitMQ baseline (default 500)
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") throw new UsageException(null);
            if (i + 1 >= args.Length) throw new UsageException($"{name} needs a value.");
            var text = args[++i];
            if (!int.TryParse(text, out var value) || value < 0 || (value == 0 && name != "--warmup"))
                throw new UsageException($"{name} must be a positive integer, not '{text}'.");
            options = name switch
            {
                "--onboardings" => options with { Onboardings = value },
                "--concurrency" => options with { Concurrency = value },
                "--timeout" => options with { CompletionTimeout = TimeSpan.FromSeconds(value) },
                "--warmup" => options with { WarmupOnboardings = value },
                "--raw-rows" => options with { RawRows = value },
                "--raw-messages" => options with { RawMessages = value },
                "--raw-in-flight" => options with { RawInFlight = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }
        return options;
    }
}

public sealed class UsageException(string? message) : Exception(message ?? "");
