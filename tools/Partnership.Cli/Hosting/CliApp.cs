using System.CommandLine;
using System.CommandLine.Invocation;
using Grpc.Core;

namespace Partnership.Cli.Hosting;

/// <summary>Parses, runs the command, and turns what happened into an exit code (see <see cref="ExitCodes"/>).</summary>
public static class CliApp
{
    public static async Task<int> Run(RootCommand root, string[] args)
    {
        root.Add(GlobalOptions.Profile);
        root.Add(GlobalOptions.Output);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            var code = await parse.InvokeAsync(invocation);
            // The parser's own error action prints the errors and help and answers 1; a script needs usage told apart.
            return parse.Action is ParseErrorAction ? ExitCodes.Usage : code;
        }
        catch (RpcException e)
        {
            ErrorReport.Write(e, Console.Error);
            return ExitCodes.For(e.StatusCode);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // A local failure (the issuer unreachable, the profiles file unwritable, the demo timing out): its message, not a trace.
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
