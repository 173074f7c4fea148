using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.IntegrationTests.Platform;

namespace Partnership.EndToEndTests;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

/// <summary>A partner with an Active customer, and the steps of "Adding an existing cloud".</summary>
public sealed record CustomerPartnership(Account Partner, Account Customer, Customer Record, string CustomerBillingAccountId);

public static class CloudScenario
{
    public static Clouds.CloudsClient Clouds(this PartnershipSystem system) => new(system.Channel("billing"));

    public static async Task<CustomerPartnership> ActivePartnership(this PartnershipSystem system)
    {
        var partner = await system.NewPartner();
        var customer = await system.RegisterAccount("customer");
        var customerBilling = await system.BillingAccountOf(customer);
        var created = await system.AddCustomer(partner, customer);
        var record = await system.Provisioned(partner, created.CustomerId);
        await system.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = record.SubaccountId }, customer.Auth);
        await Eventually.Get(() => system.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = record.SubaccountId },
            customer.Auth).ResponseAsync, b => b.Billable, what: "the subaccount to know its partnership is Active");
        return new CustomerPartnership(partner, customer, record, customerBilling.BillingAccountId);
    }

    /// <summary>The customer's existing cloud, from before the partnership: bound to its own billing account.</summary>
    public static async Task<Cloud> ExistingCloud(this PartnershipSystem system, CustomerPartnership p, string name = "prod")
    {
        var cloud = await system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = name, OrganizationId = p.Record.OrganizationId,
            BillingAccountId = p.CustomerBillingAccountId,
        }, p.Customer.Auth);
        await system.OwnedBy(p.Customer, ResourceType.Cloud, cloud.CloudId, "resource-manager.clouds.owner");
        return cloud;
    }

    /// <summary>Identity/Roles grants the owner role when it consumes the creation event: wait for it.</summary>
    public static Task OwnedBy(this PartnershipSystem system, Account owner, ResourceType type, string resourceId, string role) =>
        Eventually.Get(async () =>
        {
            try
            {
                return (await system.AccessBindings.ListAccessBindingsAsync(
                    new ListAccessBindingsRequest { ResourceType = type, ResourceId = resourceId }, owner.Auth)).AccessBindings.ToList();
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                return [];
            }
        }, bindings => bindings.Any(b => b.SubjectAccountId == owner.Id && b.RoleId == role), what: $"{owner.Id} to own {resourceId}");

    /// <summary>The customer gives the partner a role on its cloud (empty role: the default, member).</summary>
    public static Task GrantPartner(this PartnershipSystem system, CustomerPartnership p, ResourceType type, string resourceId, string role = "") =>
        system.AccessBindings.UpdateAccessBindingsAsync(new UpdateAccessBindingsRequest
        {
            ResourceType = type, ResourceId = resourceId,
            Deltas = { new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Add, SubjectAccountId = p.Partner.Id, RoleId = role } },
        }, p.Customer.Auth).ResponseAsync;

    public static Task RevokePartner(this PartnershipSystem system, CustomerPartnership p, ResourceType type, string resourceId, string role) =>
        system.AccessBindings.UpdateAccessBindingsAsync(new UpdateAccessBindingsRequest
        {
            ResourceType = type, ResourceId = resourceId,
            Deltas = { new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Remove, SubjectAccountId = p.Partner.Id, RoleId = role } },
        }, p.Customer.Auth).ResponseAsync;

    /// <summary>The partner may link from the customer's own billing account once it holds an editing role there too.</summary>
    public static async Task GrantPartnerOnCustomerBillingAccount(this PartnershipSystem system, CustomerPartnership p,
        string role = "billing.accounts.editor")
    {
        await system.OwnedBy(p.Customer, ResourceType.BillingAccount, p.CustomerBillingAccountId, "billing.accounts.owner");
        await system.GrantPartner(p, ResourceType.BillingAccount, p.CustomerBillingAccountId, role);
    }

    /// <summary>
    /// Polls (roles propagate from Identity/Roles to Billing-Account by events) until the reason shows. Before any role
    /// of the partner's arrives, the cloud is not there for it (NOT_FOUND).
    /// </summary>
    public static async Task<Linkability> LinkabilityBecomes(this PartnershipSystem system, CustomerPartnership p, string cloudId,
        Linkability.Types.Reason reason) =>
        (await Eventually.Get(async () =>
        {
            try
            {
                return await system.Clouds().CheckLinkableAsync(new CheckLinkableRequest { SubaccountId = p.Record.SubaccountId, CloudId = cloudId },
                    p.Partner.Auth).ResponseAsync;
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                return null;
            }
        }, l => l?.Reason == reason, what: $"cloud {cloudId} to be {reason}"))!;

    public static Task<LinkCloudResponse> Link(this PartnershipSystem system, Account caller, string cloudId, string billingAccountId) =>
        system.Clouds().LinkCloudAsync(new LinkCloudRequest { CloudId = cloudId, BillingAccountId = billingAccountId }, caller.Auth).ResponseAsync;

    /// <summary>The metering system charges a cloud; a new request ID each time unless the test retries one.</summary>
    public static Task<BillingAccount> Charge(this PartnershipSystem system, string cloudId, string amount, string? requestId = null) =>
        system.Clouds().RecordChargeAsync(new RecordChargeRequest { CloudId = cloudId, Amount = amount, RequestId = requestId ?? Guid.NewGuid().ToString() },
            system.Operator.Auth).ResponseAsync;

    public static Task<BillingAccount> Pay(this PartnershipSystem system, Account payer, string billingAccountId, string amount,
        string? paymentReference = null) =>
        system.Clouds().PayOutstandingAsync(new PayOutstandingRequest
        {
            BillingAccountId = billingAccountId, Amount = amount, PaymentReference = paymentReference ?? Guid.NewGuid().ToString(),
        }, payer.Auth).ResponseAsync;
}
