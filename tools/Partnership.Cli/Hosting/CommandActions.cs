using System.CommandLine;
using Grpc.Core;

namespace Partnership.Cli.Hosting;

public static class CommandActions
{
    /// <summary>
    /// The command's work with a session of the resolved profile; failures propagate to <see cref="CliApp"/>, which turns
    /// them into an exit code and a report on stderr.
    /// </summary>
    public static Command Does(this Command command, Func<ParseResult, Session, CancellationToken, Task> work)
    {
        command.SetAction(async (parse, cancel) =>
        {
            using var session = Session.From(parse);
            try
            {
                await work(parse, session, cancel);
            }
            catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                // Ctrl+C on a stream (watch, tail) is the way to stop it.
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
            switch (symbol)
            {
                case Argument argument: command.Add(argument); break;
                case Option option: command.Add(option); break;
                case Command sub: command.Add(sub); break;
            }
        return command;
    }
}
