using System.Text.RegularExpressions;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

[Collection(SystemCollection.Name)]
public sealed class OnboardingTests(PartnershipSystem system)
{
    private const string Subject = "Confirm that you are ready to work with the integrator in Yandex Cloud";

    [Fact]
    public async Task A_partner_in_paid_mode_adds_a_customer_who_confirms_and_becomes_active()
    {
        var partner = await system.NewPartner();
        var billing = await system.BillingAccountOf(partner);
        Assert.Equal(ConsumptionMode.Paid, billing.Mode);
        Assert.Equal("4000.00", billing.InitialGrant.Amount);
        var customerAccount = await system.RegisterAccount("customer");

        var created = await system.AddCustomer(partner, customerAccount, name: "Acme LLC");
        Assert.Equal(CustomerStatus.VerificationRequired, created.Status);
        Assert.Equal(customerAccount.Id, created.CustomerAccountId);

        var record = await system.Provisioned(partner, created.CustomerId);
        Assert.Matches(new Regex("^dn2[0-9a-z]{17}$"), record.SubaccountId);
        var organization = await system.AccessBindings.GetOrganizationAsync(
            new GetOrganizationRequest { OrganizationId = record.OrganizationId }, partner.Auth);
        Assert.Equal("For subaccount 'Acme LLC'", organization.Name);
        await AssertDefaultRoles(partner, customerAccount, record);

        var link = $"https://partners.cloud.yandex.ru/invite/accept/{record.SubaccountId}";
        var mail = await Eventually.Get(() => Task.FromResult(system.Smtp.To(customerAccount.Email)), m => m.Count > 0, what: "the confirmation email");
        await Eventually.True(() => system.Tap.For("partnership.confirmation-email-sent.v1", "customerId", created.CustomerId).Count > 0);
        Assert.Single(system.Smtp.To(customerAccount.Email));
        Assert.Equal(Subject, mail[0].Subject);
        Assert.Contains(link, mail[0].Text);
        var invite = await system.Customers.GetInviteLinkAsync(new GetInviteLinkRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal(link, invite.Url);

        var accepted = await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = link.Split('/')[^1] }, customerAccount.Auth);
        Assert.Equal(CustomerStatus.Active, accepted.Status);
        var reread = await system.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = created.CustomerId }, partner.Auth);
        Assert.Equal(CustomerStatus.Active, reread.Status);

        var customersAccounts = await system.Billing.ListBillingAccountsAsync(new ListBillingAccountsRequest(), customerAccount.Auth);
        Assert.Contains(customersAccounts.BillingAccounts, b => b.BillingAccountId == record.SubaccountId && b.Kind == BillingAccountKind.PartnerSubaccount);

        foreach (var exchange in new[] { "partnership.customer-created.v1", "partnership.customer-provisioned.v1", "partnership.partnership-confirmed.v1", "partnership.confirmation-email-sent.v1" })
            await Eventually.True(() => system.Tap.For(exchange, "customerId", created.CustomerId).Count == 1, what: exchange);
        await Eventually.True(() => system.Tap.For("partnership.subaccount-created.v1", "subaccountId", record.SubaccountId).Count == 1);
        await Eventually.True(() => system.Tap.For("partnership.organization-created.v1", "organizationId", record.OrganizationId).Count == 1);
        await Eventually.True(() => system.Tap.For("partnership.access-binding-granted.v1", "customerId", created.CustomerId).Count == 4);

        // A subscriber sees each customer's events in causal order.
        var order = system.Tap.Events.ToList();
        int At(string exchange, string field, string value) => order.FindIndex(e => e.Exchange == exchange
            && e.Message.TryGetProperty(field, out var v) && v.GetString() == value);
        var customerCreated = At("partnership.customer-created.v1", "customerId", created.CustomerId);
        var subaccountCreated = At("partnership.subaccount-created.v1", "subaccountId", record.SubaccountId);
        var provisioned = At("partnership.customer-provisioned.v1", "customerId", created.CustomerId);
        var emailSent = At("partnership.confirmation-email-sent.v1", "customerId", created.CustomerId);
        var confirmed = At("partnership.partnership-confirmed.v1", "customerId", created.CustomerId);
        Assert.True(customerCreated < subaccountCreated && subaccountCreated < provisioned && provisioned < emailSent && provisioned < confirmed,
            $"causal order: created {customerCreated}, subaccount {subaccountCreated}, provisioned {provisioned}, sent {emailSent}, confirmed {confirmed}");

        // The catalogue's word: SubaccountCreated carries the name; the organization comes after it, announced with the four
        // default bindings, each also published as AccessBindingGranted (committed before it; published on another stream,
        // so in no promised order with it).
        Assert.Equal("Acme LLC", order[subaccountCreated].Message.GetProperty("customerName").GetString());
        var organizationCreated = At("partnership.organization-created.v1", "organizationId", record.OrganizationId);
        Assert.True(subaccountCreated < organizationCreated, $"organization {organizationCreated} after subaccount {subaccountCreated}");
        static (string, string, string, string) Binding(System.Text.Json.JsonElement b) => (b.GetProperty("resourceType").GetString()!,
            b.GetProperty("resourceId").GetString()!, b.GetProperty("subjectAccountId").GetString()!, b.GetProperty("roleId").GetString()!);
        var announced = order[organizationCreated].Message.GetProperty("defaultBindings").EnumerateArray().Select(Binding).ToHashSet();
        var grants = system.Tap.For("partnership.access-binding-granted.v1", "customerId", created.CustomerId).Select(e => Binding(e.Message));
        Assert.True(announced.SetEquals(grants), "defaultBindings are the four grants");
        Assert.Equal(4, announced.Count);
    }

    private async Task AssertDefaultRoles(Account partner, Account customer, Customer record)
    {
        var expected = new[]
        {
            (ResourceType.BillingAccount, record.SubaccountId, partner.Id, "billing.accounts.owner"),
            (ResourceType.BillingAccount, record.SubaccountId, customer.Id, "admin"),
            (ResourceType.Organization, record.OrganizationId, partner.Id, "organization-manager.organizations.owner"),
            (ResourceType.Organization, record.OrganizationId, customer.Id, "organization-manager.organizations.owner"),
        };
        await Eventually.True(() =>
        {
            var bindings = new[] { (ResourceType.BillingAccount, record.SubaccountId), (ResourceType.Organization, record.OrganizationId) }
                .SelectMany(r => system.AccessBindings.ListAccessBindings(
                    new ListAccessBindingsRequest { ResourceType = r.Item1, ResourceId = r.Item2 }, partner.Auth).AccessBindings)
                .Select(b => (b.ResourceType, b.ResourceId, b.SubjectAccountId, b.RoleId)).ToHashSet();
            return bindings.SetEquals(expected);
        }, what: "the four default role bindings");
    }
}
