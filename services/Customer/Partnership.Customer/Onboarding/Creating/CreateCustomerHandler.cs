using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;

namespace Partnership.Customer.Onboarding.Creating;

/// <summary>
/// Gathers the facts the decision needs (consumption mode from Billing-Account, the customer's account by email
/// from Identity/Roles; partner status is the caller policy's) with synchronous calls made concurrently, so a partner who just
/// switched to paid mode can add a customer at once; then decides and appends.
/// </summary>
public sealed class CreateCustomerHandler(CommandHandler commands, Accounts.AccountsClient accounts,
    BillingAccounts.BillingAccountsClient billing, TimeProvider clock)
{
    public async Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? requestId, string? name, string? email,
        CancellationToken ct)
    {
        var details = ValidCustomerDetails.From(requestId, name, email);
        // The two facts are independent: asked together, the slower call sets the latency, not their sum. WhenAll
        // observes both and throws the first in this order, so a failure answers as it did when they ran in series.
        var paidMode = IsInPaidMode(ct);
        var customerAccount = FindAccount(details.Email, ct);
        await Task.WhenAll(paidMode, customerAccount);
        var (paid, customerAccountId) = (paidMode.Result, customerAccount.Result);
        var customerId = CustomerIds.For(callerAccountId, customerAccountId);
        var command = new CreateCustomer(customerId, callerAccountId, paid, customerAccountId, details, requestId!, clock.GetUtcNow());
        return await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(customerId), command, ct);
    }

    private async Task<bool> IsInPaidMode(CancellationToken ct)
    {
        try
        {
            var account = await billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), cancellationToken: ct);
            return account.Mode == ConsumptionMode.Paid;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<string> FindAccount(string email, CancellationToken ct)
    {
        try
        {
            var account = await accounts.FindAccountByEmailAsync(new FindAccountByEmailRequest { Email = email }, cancellationToken: ct);
            return account.AccountId;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw DomainException.NotFound($"No account is registered with the email {email}.");
        }
    }
}
