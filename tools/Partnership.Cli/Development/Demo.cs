using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;

namespace Partnership.Cli.Development;

// Inside the namespace, so they win over the CLI's command namespaces of the same names.
using Accounts = Partnership.Contracts.Identity.V1.Accounts;
using AccessBindings = Partnership.Contracts.Identity.V1.AccessBindings;
using BillingAccounts = Partnership.Contracts.Billing.V1.BillingAccounts;
using Customers = Partnership.Contracts.Customers.V1.Customers;

/// <summary>The onboarding flow of the seed document, step by step, through the public gRPC API.</summary>
internal static class Demo
{
    public static async Task<int> Run(string customerName, IReadOnlyDictionary<string, string> endpoints)
    {
        var issuer = Issuer.Client();
        var identity = GrpcChannel.ForAddress(endpoints["identity"]);
        var accounts = new Accounts.AccountsClient(identity);
        var bindings = new AccessBindings.AccessBindingsClient(identity);
        var billing = new BillingAccounts.BillingAccountsClient(GrpcChannel.ForAddress(endpoints["billing"]));
        var customers = new Customers.CustomersClient(GrpcChannel.ForAddress(endpoints["customer"]));
        var ops = Auth(await issuer.TokenFor("ajeoperator000000000", asOperator: true));
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var partner = await accounts.RegisterAccountAsync(new RegisterAccountRequest { Email = $"partner-{suffix}@yandex.ru", DisplayName = "Integrator" }, ops);
        var customer = await accounts.RegisterAccountAsync(new RegisterAccountRequest { Email = $"customer-{suffix}@yandex.ru", DisplayName = customerName }, ops);
        Step($"Registered partner {partner.AccountId} ({partner.Email}) and customer {customer.AccountId} ({customer.Email})");
        await accounts.AssignPartnerStatusAsync(new PartnerStatusRequest { AccountId = partner.AccountId }, ops);
        Step("Assigned partner status");
        var asPartner = Auth(await issuer.TokenFor(partner.AccountId));
        var asCustomer = Auth(await issuer.TokenFor(customer.AccountId));

        var own = await Poll(() => billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), asPartner).ResponseAsync, _ => true);
        Step($"Partner billing account {own.BillingAccountId}: {own.Mode}, initial grant {own.InitialGrant.Amount} {own.InitialGrant.Currency}");
        var paid = await billing.SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), asPartner);
        Step($"Switched to {paid.Mode}; unspent initial grant kept: {paid.InitialGrant.Amount} {paid.InitialGrant.Currency}");

        var created = await customers.CreateCustomerAsync(new CreateCustomerRequest { RequestId = Guid.NewGuid().ToString(), Name = customerName, Email = customer.Email }, asPartner);
        Step($"Added customer {created.CustomerId}: {created.Status}");
        var record = await Poll(() => customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, asPartner).ResponseAsync,
            c => c.SubaccountId != "" && c.OrganizationId != "");
        var organization = await bindings.GetOrganizationAsync(new GetOrganizationRequest { OrganizationId = record.OrganizationId }, asPartner);
        Step($"Subaccount {record.SubaccountId}; organization {organization.OrganizationId} \"{organization.Name}\"");
        foreach (var (type, id) in new[] { (ResourceType.BillingAccount, record.SubaccountId), (ResourceType.Organization, record.OrganizationId) })
            foreach (var b in (await Poll(() => bindings.ListAccessBindingsAsync(new ListAccessBindingsRequest { ResourceType = type, ResourceId = id }, asPartner).ResponseAsync,
                         r => r.AccessBindings.Count >= 2)).AccessBindings)
                Step($"  {b.RoleId} on {type} {id} for {(b.SubjectAccountId == partner.AccountId ? "the partner" : "the customer")}");
        var link = await customers.GetInviteLinkAsync(new GetInviteLinkRequest { CustomerId = created.CustomerId }, asPartner);
        Step($"Confirmation email sent to {customer.Email} (see the mail inbox: http://127.0.0.1:5080). Invite link: {link.Url}");
        var accepted = await customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = link.Url.Split('/')[^1] }, asCustomer);
        Step($"The customer accepted: {accepted.Status}");
        return 0;
    }

    private static Metadata Auth(string token) => new() { { "Authorization", "Bearer " + token } };

    private static void Step(string text) => Console.WriteLine($"- {text}");

    private static async Task<T> Poll<T>(Func<Task<T>> call, Func<T, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var value = await call();
                if (done(value)) return value;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && attempt < 100)
            {
            }
            if (attempt >= 100) throw new TimeoutException("The system did not get there in 20 s.");
            await Task.Delay(200);
        }
    }
}
