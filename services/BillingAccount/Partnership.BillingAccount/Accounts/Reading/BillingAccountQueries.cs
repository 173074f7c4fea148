using Marten;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Accounts.Reading;

public sealed class BillingAccountQueries(IQuerySession session, CommandHandler commands, ReadModelFreshness freshness)
{
    /// <summary>The caller's own billing account, read from its stream (no lag).</summary>
    public async Task<(BillingAccountRecord Record, long Version)> GetMine(string callerAccountId, CancellationToken ct)
    {
        var (record, version) = await Load(BillingAccountIds.Personal(callerAccountId), ct);
        if (!record.Exists) throw DomainException.NotFound("The account has no billing account yet.");
        return (record, version);
    }

    /// <summary>One billing account, read from its stream. Visible to its owner, and to the partner and customer of a subaccount.</summary>
    public async Task<(BillingAccountRecord Record, long Version)> Get(string callerAccountId, string? billingAccountId, CancellationToken ct)
    {
        if (!BillingAccountIds.IsValid(billingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        var (record, version) = await Load(billingAccountId!, ct);
        if (!record.IsVisibleTo(callerAccountId)) throw DomainException.NotFound($"No billing account {billingAccountId}.");
        return (record, version);
    }

    /// <summary>
    /// The caller's own billing account first, then the subaccounts where it is the partner or the customer,
    /// oldest first; with every change committed before the call (ReadModelFreshness).
    /// </summary>
    public async Task<IReadOnlyList<BillingAccountView>> List(string callerAccountId, CancellationToken ct)
    {
        await freshness.CaughtUp<BillingAccountViewProjection>(ct);
        var rows = await session.Query<BillingAccountView>()
            .Where(v => v.OwnerAccountId == callerAccountId || v.CustomerAccountId == callerAccountId)
            .ToListAsync(ct);
        return rows.OrderBy(v => v.Kind == BillingAccountKind.Personal ? 0 : 1).ThenBy(v => v.CreatedAt).ThenBy(v => v.Id,
            StringComparer.Ordinal).ToList();
    }

    private Task<(BillingAccountRecord State, long Version)> Load(string billingAccountId, CancellationToken ct) =>
        commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId), ct);
}
