using System.Collections.Concurrent;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Learning;

/// <summary>
/// Reads what this service has learned of accounts from the learned streams (not from a read model a daemon fills
/// later), so a withdrawal counts from the moment its consumer committed. Scoped to one request: the caller policy and
/// the handler share one load of the partner. A load reads the stream unless this process's copy of it cannot be out
/// of date (the README's lag rule): an email's account never changes once learned, and an account's facts are taken
/// as this process last appended or read them within <see cref="AccountReuse"/>. Nearly every CreateCustomer used to
/// read both streams and find nothing new (two of the twelve PostgreSQL transactions of an onboarding).
/// </summary>
public sealed class LearnedFacts(CommandHandler commands)
{
    /// <summary>
    /// How long an account's facts as this process last saw them are used without reading the stream again. What this
    /// process's own consumers commit counts at once; a withdrawal another replica consumed counts this much later,
    /// well within the 1 s of the lag rule.
    /// </summary>
    public static readonly TimeSpan AccountReuse = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Task<LearnedAccount>> _accounts = new();

    public Task<LearnedAccount> Account(string accountId, CancellationToken ct) =>
        _accounts.GetOrAdd(accountId, id => Load(id, ct));

    /// <summary>The account registered with the (normalized) email, or null when none has been heard of.</summary>
    public async Task<string?> AccountIdByEmail(string email, CancellationToken ct) =>
        (await commands.Load<LearnedEmail, LearnAccountEmail>(LearnedIds.EmailStream(email), ct,
            settled: learned => learned.AccountId is not null)).State.AccountId;

    private async Task<LearnedAccount> Load(string accountId, CancellationToken ct) =>
        (await commands.Load<LearnedAccount, LearnedAccountCommand>(LearnedIds.AccountStream(accountId), ct, reuseFor: AccountReuse)).State;
}
