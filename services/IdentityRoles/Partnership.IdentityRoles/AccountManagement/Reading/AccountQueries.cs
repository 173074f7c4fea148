using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.ServiceDefaults.Authorization;

namespace Partnership.IdentityRoles.AccountManagement.Reading;

/// <summary>Every read is by stream (the email derives the ID), so reads have no lag and need no read model.</summary>
public sealed class AccountQueries(CommandHandler commands) : IPartnerDirectory
{
    /// <summary>
    /// One account: visible to the account itself and to operators. To anyone else an account that exists answers
    /// exactly as one that does not, since account IDs derive from emails and would tell who is registered.
    /// </summary>
    public async Task<(AccountRecord Account, long Version)> Get(string callerAccountId, bool callerIsOperator, string? accountId,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId)) throw DomainException.Invalid("account_id", "is required.");
        var notFound = DomainException.NotFound($"No account {accountId}.");
        if (accountId != callerAccountId && !callerIsOperator) throw notFound;
        return await Load(accountId, ct) is { Account.Exists: true } found ? found : throw notFound;
    }

    /// <summary>The account registered with an email; the caller policy lets only partners and operators ask.</summary>
    public async Task<(AccountRecord Account, long Version)> FindByEmail(string? email, CancellationToken ct)
    {
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
