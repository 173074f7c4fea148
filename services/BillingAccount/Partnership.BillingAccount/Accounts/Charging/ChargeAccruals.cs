using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Charging;

/// <summary>Accrues a recorded charge request to its account; counting it again changes nothing.</summary>
public sealed class ChargeAccruals(CommandHandler commands, IOptions<BillingOptions> billing)
{
    public Task<CommandResult<BillingAccountRecord>> Accrue(ChargeRequestRecord request, CancellationToken ct) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(request.BillingAccountId),
            new RecordCharge(request.RequestId, request.CloudId, request.Amount, billing.Value.Currency,
                request.RequestedAt ?? throw new InvalidOperationException("A charge request that was never recorded.")), ct);
}
