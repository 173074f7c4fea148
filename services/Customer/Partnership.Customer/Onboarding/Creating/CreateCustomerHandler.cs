using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Learning;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Creating;

/// <summary>
/// Gathers the facts the decision needs (paid mode and the customer's account by email; partner status is the caller
/// policy's) from what this service has learned of accounts through events, with no remote call when that says yes.
/// A learned "no" is not trusted to refuse: Billing-Account (paid mode) and Identity/Roles (the account by email) are
/// asked live, concurrently, so a partner who switched to paid mode a moment ago can add a customer at once.
/// </summary>
public sealed class CreateCustomerHandler(CommandHandler commands, LearnedFacts learned, Accounts.AccountsClient accounts,
    BillingAccounts.BillingAccountsClient billing, TimeProvider clock)
{
    public async Task<CommandResult<CustomerRecord>> Handle(string callerAccountId, string? requestId, string? name, string? email,
        CancellationToken ct)
    {
        var details = ValidCustomerDetails.From(requestId, name, email);
        var learnedPartner = learned.Account(callerAccountId, ct);
        var learnedCustomer = learned.AccountIdByEmail(details.Email, ct);
        await Task.WhenAll(learnedPartner, learnedCustomer);
        // The live questions are independent: asked together, the slower call sets the latency, not their sum. WhenAll
        // observes both and throws the first in this order, so a failure answers as it did when they ran in series.
        var paidMode = learnedPartner.Result.InPaidMode ? Task.FromResult(true) : IsInPaidMode(ct);
        var customerAccount = learnedCustomer.Result is { } known ? Task.FromResult(known) : FindAccount(details.Email, ct);
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
