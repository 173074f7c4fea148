using System.Collections.Concurrent;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Learning;

/// <summary>
/// Reads what this service has learned of accounts, straight from the learned streams (not from a read model a daemon
/// fills later), so a withdrawal counts from the moment its consumer committed. Scoped to one request: the caller
/// policy and the handler share one read of the partner, and nothing is kept beyond the request.
/// </summary>
public sealed class LearnedFacts(CommandHandler commands)
{
    private readonly ConcurrentDictionary<string, Task<LearnedAccount>> _accounts = new();

    public Task<LearnedAccount> Account(string accountId, CancellationToken ct) =>
        _accounts.GetOrAdd(accountId, id => Load(id, ct));

    /// <summary>The account registered with the (normalized) email, or null when none has been heard of.</summary>
    public async Task<string?> AccountIdByEmail(string email, CancellationToken ct) =>
        (await commands.Load<LearnedEmail, LearnAccountEmail>(LearnedIds.EmailStream(email), ct)).State.AccountId;

    private async Task<LearnedAccount> Load(string accountId, CancellationToken ct) =>
        (await commands.Load<LearnedAccount, LearnedAccountCommand>(LearnedIds.AccountStream(accountId), ct)).State;
}
