using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Cli.Profiles;

namespace Partnership.Cli.Development;

/// <summary>The development helpers the CLI started with: tokens from the local issuer, the onboarding demo, re-drive.</summary>
public static class DevelopmentCommands
{
    public static IEnumerable<Command> Create() => [Token(), DemoCommand(), RedriveCommand()];

    private static Command Token()
    {
        var account = new Argument<string>("account-id") { Description = "The account (aje...) to mint a token for" };
        var asOperator = new Option<bool>("--operator") { Description = "An operator's token" };
        var command = new Command("token",
                "Ask the running issuer (identity's HTTP port 5120, PARTNERSHIP_IDENTITY_HTTP_URL) for the account's bearer token (1 h)")
            .With(account, asOperator);
        command.SetAction(async (parse, cancel) =>
        {
            Console.WriteLine(await Issuer.Client().TokenFor(parse.GetRequiredValue(account), parse.GetValue(asOperator), cancel));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command DemoCommand()
    {
        var name = new Argument<string>("customer-name") { Description = "The customer's name", DefaultValueFactory = _ => "Acme LLC" };
        var command = new Command("demo",
                "Walk the onboarding flow: accounts, partner status, paid mode, add a customer, the confirmation email, accept, Active")
            .With(name);
        // The profile's endpoints (the AppHost's by default, PARTNERSHIP_<SERVICE>_URL over both); it mints its own tokens.
        command.SetAction(parse => Demo.Run(parse.GetRequiredValue(name), Settings.Resolve(parse.GetValue(GlobalOptions.Profile)).Endpoints));
        return command;
    }

    private static Command RedriveCommand()
    {
        var target = new Argument<string>("service-or-queue") { Description = "A service (customer), or one of its queues (customer-subaccount-created)" };
        var command = new Command("redrive",
                "Move the messages parked in the service's _error queues (or one queue's) back to their queues, once the cause is fixed (as an operator)")
            .With(target);
        command.SetAction(parse => Redrive.Run(parse.GetRequiredValue(target)));
        return command;
    }
}
