using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.AccountManagement.PartnerStatus;

/// <summary>Assigns and withdraws partner status; both are idempotent.</summary>
public sealed class PartnerStatusHandler(CommandHandler commands, TimeProvider clock)
{
    public Task<CommandResult<AccountRecord>> Assign(string? accountId, CancellationToken ct) =>
        Handle(accountId, new AssignPartnerStatus(clock.GetUtcNow()), ct);

    public Task<CommandResult<AccountRecord>> Withdraw(string? accountId, CancellationToken ct) =>
        Handle(accountId, new WithdrawPartnerStatus(clock.GetUtcNow()), ct);

    private Task<CommandResult<AccountRecord>> Handle(string? accountId, AccountCommand command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId)) throw DomainException.Invalid("account_id", "is required.");
        // An ID that is not in aje... format names no account: nothing to read.
        if (!AccountIds.IsValid(accountId)) throw DomainException.NotFound($"No account {accountId}.");
        return commands.Handle<AccountRecord, AccountCommand>(AccountIds.Stream(accountId), command, ct);
    }
}
