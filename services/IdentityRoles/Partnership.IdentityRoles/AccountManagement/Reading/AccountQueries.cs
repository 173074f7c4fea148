using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.AccountManagement.Reading;

/// <summary>Every read is by stream (the email derives the ID), so reads have no lag and need no read model.</summary>
public sealed class AccountQueries(CommandHandler commands)
{
    /// <summary>One account: visible to the account itself and to operators.</summary>
    public async Task<(AccountRecord Account, long Version)> Get(string callerAccountId, bool callerIsOperator, string? accountId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId)) throw DomainException.Invalid("account_id", "is required.");
        if (accountId != callerAccountId && !callerIsOperator)
            throw DomainException.Denied("Only the account itself or an operator may read an account.");
        return await Load(accountId, ct) is { Account.Exists: true } found ? found : throw DomainException.NotFound($"No account {accountId}.");
    }

    /// <summary>The account registered with an email: partners (to add a customer by email) and operators only.</summary>
    public async Task<(AccountRecord Account, long Version)> FindByEmail(string callerAccountId, bool callerIsOperator, string? email,
        CancellationToken ct)
    {
        if (!callerIsOperator && !await IsPartner(callerAccountId, ct))
            throw DomainException.Denied("The account has no partner status: only partners and operators may look accounts up by email.");
        var normalized = ValidAccountDetails.NormalizeEmail(email, "email");
        return await Load(AccountIds.ForEmail(normalized), ct) is { Account.Exists: true } found
            ? found
            : throw DomainException.NotFound($"No account is registered with the email {normalized}.");
    }

    public async Task<bool> IsPartner(string accountId, CancellationToken ct) => (await Load(accountId, ct)).Account.Partner;

    private async Task<(AccountRecord Account, long Version)> Load(string accountId, CancellationToken ct) =>
        AccountIds.IsValid(accountId)
            ? await commands.Load<AccountRecord, AccountCommand>(AccountIds.Stream(accountId), ct)
            : (AccountRecord.Initial, 0);
}
