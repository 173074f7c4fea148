using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Charging;

/// <summary>
/// Records a charge for a cloud on the account the cloud stream says it is bound to now (the binding's source of
/// truth), so a never-linked cloud keeps being billed to its own account and a linked one to its new one. A charge
/// racing a move lands on the account the cloud was bound to when the charge was read; the move's "owed" figure may
/// then miss it, the account's own outstanding never does.
/// </summary>
public sealed class RecordChargeHandler(CommandHandler commands, IOptions<BillingOptions> billing, TimeProvider clock)
{
    public async Task<CommandResult<BillingAccountRecord>> Handle(string? cloudId, string? amount, CancellationToken ct)
    {
        if (!CloudIds.IsValid(cloudId)) throw DomainException.Invalid("cloud_id", "must be a cloud ID in b1g... format.");
        var value = ChargeAmount.Parse(amount);
        var (cloud, _) = await commands.Load<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId!), ct);
        var billingAccountId = cloud.BillingAccountToCharge();
        return await commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId),
            new RecordCharge(cloud.CloudId, value, billing.Value.Currency, clock.GetUtcNow()), ct);
    }
}
