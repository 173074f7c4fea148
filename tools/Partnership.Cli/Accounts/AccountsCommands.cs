using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Identity.V1;

namespace Partnership.Cli.Accounts;

/// <summary>Accounts and partner status (Identity/Roles service, partnership.identity.v1.Accounts): mostly for operators.</summary>
public static class AccountsCommands
{
    public static Command Create() => new Command("accounts", "Register accounts and assign partner status (operators)")
        .With(Register(), Get(), Find(), PartnerStatus("assign-partner-status", assign: true), PartnerStatus("withdraw-partner-status", assign: false));

    private static Contracts.Identity.V1.Accounts.AccountsClient Client(Session session) => new(session.Channel("identity"));

    private static Argument<string> AccountId() => new("account-id") { Description = "The account (aje...)" };

    private static Command Register()
    {
        var email = new Option<string>("--email") { Description = "The account's email, unique", Required = true };
        var name = new Option<string>("--display-name") { Description = "1-100 characters", Required = true };
        return new Command("register", "Register an account (RegisterAccount, operators); its billing account follows")
            .With(email, name)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).RegisterAccountAsync(new RegisterAccountRequest
            {
                Email = parse.GetRequiredValue(email), DisplayName = parse.GetRequiredValue(name),
            }, session.Auth, cancellationToken: cancel)));
    }

    private static Command Get()
    {
        var id = AccountId();
        return new Command("get", "One account: your own, or any as an operator (GetAccount)")
            .With(id)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).GetAccountAsync(
                new GetAccountRequest { AccountId = parse.GetRequiredValue(id) }, session.Auth, cancellationToken: cancel)));
    }

    private static Command Find()
    {
        var email = new Option<string>("--email") { Description = "The email to look up", Required = true };
        return new Command("find", "The account registered with an email (FindAccountByEmail, partners and operators)")
            .With(email)
            .Does(async (parse, session, cancel) => session.Output.Message(await Client(session).FindAccountByEmailAsync(
                new FindAccountByEmailRequest { Email = parse.GetRequiredValue(email) }, session.Auth, cancellationToken: cancel)));
    }

    private static Command PartnerStatus(string name, bool assign)
    {
        var id = AccountId();
        return new Command(name, assign ? "Give the account partner status (operators); idempotent" : "Take partner status away (operators); idempotent")
            .With(id)
            .Does(async (parse, session, cancel) =>
            {
                var request = new PartnerStatusRequest { AccountId = parse.GetRequiredValue(id) };
                session.Output.Message(assign
                    ? await Client(session).AssignPartnerStatusAsync(request, session.Auth, cancellationToken: cancel)
                    : await Client(session).WithdrawPartnerStatusAsync(request, session.Auth, cancellationToken: cancel));
            });
    }
}
