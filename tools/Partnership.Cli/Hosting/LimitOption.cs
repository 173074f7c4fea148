using System.CommandLine;

namespace Partnership.Cli.Hosting;

/// <summary>--limit of a stream command (watch, tail): stop after that many messages; none follows until Ctrl+C.</summary>
public static class LimitOption
{
    public static Option<int?> Create(string what)
    {
        var option = new Option<int?>("--limit") { Description = $"Stop after this many {what} (default: follow until Ctrl+C)" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--limit must be at least 1.");
        });
        return option;
    }
}
