using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.AccountManagement.Registering;

/// <summary>Validates, derives the account ID from the email and registers; the same email again finds the stream and is refused.</summary>
public sealed class RegisterAccountHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<AccountRecord>> Handle(string? email, string? displayName, CancellationToken ct)
    {
        var command = RegisterAccount.For(ValidAccountDetails.From(email, displayName), clock.GetUtcNow());
        return commands.Handle<AccountRecord, AccountCommand>(AccountIds.Stream(command.AccountId), command, ct);
    }
}
