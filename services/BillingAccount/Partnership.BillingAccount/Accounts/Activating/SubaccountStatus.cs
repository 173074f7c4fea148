using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Accounts.Activating;

/// <summary>Whether a billing account may pay for clouds now (see <see cref="BillingAccountRecord.Billable"/>).</summary>
public interface ISubaccountStatus
{
    Task<bool> IsBillable(BillingAccountRecord account, CancellationToken ct);
}

/// <summary>
/// A subaccount learns that its partnership is Active from Customer's PartnershipConfirmed event. A customer who
/// confirms and at once creates or links a cloud may be a moment ahead of that event, so a subaccount not Active yet
/// is read again for a short while (<c>Billing:ActivationWait</c>, default 10 s) before the answer is no: waiting a
/// moment beats refusing a customer who has just confirmed. (Asking Customer instead would make the two services
/// depend on each other at start.)
/// </summary>
public sealed class SubaccountStatus(CommandHandler commands, IOptions<BillingOptions> billing, TimeProvider clock) : ISubaccountStatus
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task<bool> IsBillable(BillingAccountRecord account, CancellationToken ct)
    {
        // Only a confirmation is waited for; an ended or suspended partnership is refused at once.
        if (account.Billable || account.Kind != BillingAccountKind.PartnerSubaccount || account.PartnershipEnded || account.PartnershipSuspended)
            return account.Billable;
        var deadline = clock.GetUtcNow() + billing.Value.ActivationWait;
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(Poll, clock, ct);
            var (now, _) = await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(account.BillingAccountId), ct);
            if (now.Billable) return true;
        }
        return false;
    }
}
