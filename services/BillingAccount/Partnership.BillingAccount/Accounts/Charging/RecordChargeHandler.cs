using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Charging;

/// <summary>
/// Records a charge for a cloud on the account the cloud stream says it is bound to now (the binding's source of
/// truth), so a never-linked cloud keeps being billed to its own account and a linked one to its new one. A charge
/// racing a move lands on the account the cloud was bound to when the charge was read; the move's "owed" figure may
/// then miss it, the account's own outstanding never does.
/// <para>
/// The request ID is remembered twice, both on streams: first on its own charge-request stream (the first writer wins
/// there, so concurrent attempts agree, and a retry after the cloud moved finds the account first chosen), then on that
/// account's charge, where the decider refuses to count it again.
/// </para>
/// </summary>
public sealed class RecordChargeHandler(CommandHandler commands, ChargeAccruals accruals, TimeProvider clock)
{
    public async Task<CommandResult<BillingAccountRecord>> Handle(string? requestId, string? cloudId, string? amount, CancellationToken ct)
    {
        var key = ClientKey.Check(requestId, "request_id", "so that a retried charge counts once");
        if (!CloudIds.IsValid(cloudId)) throw DomainException.Invalid("cloud_id", "must be a cloud ID in b1g... format.");
        var value = MoneyAmount.Parse(amount);
        var (cloud, _) = await commands.Load<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId!), ct);
        var request = await commands.Handle<ChargeRequestRecord, ChargeRequestCommand>(ChargeRequestIds.Stream(key),
            new RequestCharge(key, cloud.CloudId, value, cloud.BillingAccountToCharge(), clock.GetUtcNow()), ct);
        return await accruals.Accrue(request.State, ct);
    }
}
