using Grpc.Core;
using Partnership.BillingAccount.Domain;
using Partnership.Contracts.Customers.V1;

namespace Partnership.BillingAccount.Accounts.Activating;

/// <summary>Whether a billing account may pay for clouds now (see <see cref="BillingAccountRecord.Billable"/>).</summary>
public interface ISubaccountStatus
{
    Task<bool> IsBillable(BillingAccountRecord account, CancellationToken ct);
}

/// <summary>
/// Whether a billing account may pay for clouds now. A subaccount learns that its partnership is Active from
/// Customer's PartnershipConfirmed event; when that has not arrived yet, Customer is asked at this moment (with the
/// caller's token: the partner and the customer may read the record), so a customer who has just confirmed is never
/// refused.
/// </summary>
public sealed class SubaccountStatus(Customers.CustomersClient customers) : ISubaccountStatus
{
    public async Task<bool> IsBillable(BillingAccountRecord account, CancellationToken ct)
    {
        if (account.Billable || account.Kind != BillingAccountKind.PartnerSubaccount) return account.Billable;
        try
        {
            var record = await customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = account.CustomerId }, cancellationToken: ct);
            return record.Status == CustomerStatus.Active;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return false;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "Customer cannot say now whether the partnership is Active; nothing changed, try again."));
        }
    }
}
