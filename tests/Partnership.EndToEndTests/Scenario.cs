using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

/// <summary>The steps a test takes through the public API, as the portal would.</summary>
public static class Scenario
{
    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@yandex.ru";

    public static async Task<Account> RegisterAccount(this PartnershipSystem system, string who)
    {
        var account = await system.Accounts.RegisterAccountAsync(
            new RegisterAccountRequest { Email = UniqueEmail(who), DisplayName = who }, system.Operator.Auth);
        return new Account(account.AccountId, account.Email, await system.TokenFor(account.AccountId));
    }

    /// <summary>The account's billing account exists once Billing-Account has consumed AccountRegistered.</summary>
    public static Task<BillingAccount> BillingAccountOf(this PartnershipSystem system, Account account) =>
        Eventually.Get(async () =>
        {
            try
            {
                return await system.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), account.Auth);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, b => b is not null, what: $"the billing account of {account.Email}")!;

    public static async Task<Account> NewPartner(this PartnershipSystem system, bool paid = true)
    {
        var partner = await system.RegisterAccount("partner");
        await system.Accounts.AssignPartnerStatusAsync(new PartnerStatusRequest { AccountId = partner.Id }, system.Operator.Auth);
        await system.BillingAccountOf(partner);
        if (paid) await system.Billing.SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), partner.Auth);
        return partner;
    }

    public static Task<Customer> AddCustomer(this PartnershipSystem system, Account partner, Account customer, string name = "Acme LLC",
        string? requestId = null) =>
        system.Customers.CreateCustomerAsync(new CreateCustomerRequest
        {
            RequestId = requestId ?? Guid.NewGuid().ToString(), Name = name, Email = customer.Email,
        }, partner.Auth).ResponseAsync;

    /// <summary>Waits until the record shows its subaccount and organization.</summary>
    public static Task<Customer> Provisioned(this PartnershipSystem system, Account partner, string customerId) =>
        Eventually.Get(() => system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = customerId }, partner.Auth).ResponseAsync,
            c => c.SubaccountId != "" && c.OrganizationId != "", what: "the subaccount and organization on the record");

    public static async Task<RpcException> Refused(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            return e;
        }
        throw new Xunit.Sdk.XunitException("The call succeeded; a refusal was expected.");
    }
}
