using System.CommandLine;

namespace Partnership.Cli.Hosting;

/// <summary>Options every command takes (recursive: they may come after the subcommand).</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "The profile to use (default: $PARTNERSHIP_PROFILE, else the current one of the profiles file)",
        Recursive = true,
    };

    public static readonly Option<string> Output = CreateOutput();

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "table (for people) or json (the proto message as proto3 JSON, for scripts; a stream prints one object a line)",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
