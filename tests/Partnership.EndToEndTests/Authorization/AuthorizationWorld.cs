using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Identity.V1;

namespace Partnership.EndToEndTests.Authorization;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

/// <summary>The kinds of caller every RPC is tried as.</summary>
public enum CallerKind
{
    Operator,
    OwningPartner,
    OtherPartner,
    TheCustomer,
    OtherCustomer,
    Stranger,
    WithdrawnPartner,
    Anonymous,
}

/// <summary>
/// One partner's world: an Active customer with a cloud in the subaccount (charged, so the subaccount owes) and a cloud
/// on its own account shared with the partner for linking, plus a second customer still awaiting confirmation.
/// </summary>
public sealed record PartnerWorld(CustomerPartnership Active, Cloud CloudInSubaccount, Cloud CloudToLink, Customer Pending)
{
    public Account Partner => Active.Partner;
    public Account Customer => Active.Customer;
    public string SubaccountId => Active.Record.SubaccountId;
    public string OrganizationId => Active.Record.OrganizationId;

    public static async Task<PartnerWorld> Build(PartnershipSystem system)
    {
        var p = await system.ActivePartnership();
        var inSubaccount = await system.Clouds().CreateCloudAsync(new CreateCloudRequest
        {
            RequestId = Guid.NewGuid().ToString(), Name = "in-subaccount", OrganizationId = p.Record.OrganizationId,
            BillingAccountId = p.Record.SubaccountId,
        }, p.Customer.Auth);
        await system.Charge(inSubaccount.CloudId, "100.00");
        var toLink = await system.ExistingCloud(p, "to-link");
        await system.GrantPartner(p, ResourceType.Cloud, toLink.CloudId, "editor");
        await system.GrantPartnerOnCustomerBillingAccount(p);
        var pendingCustomer = await system.RegisterAccount("pending-customer");
        var pending = await system.AddCustomer(p.Partner, pendingCustomer, "Pending LLC");
        await system.Provisioned(p.Partner, pending.CustomerId);
        return new PartnerWorld(p, inSubaccount, toLink, pending);
    }
}

/// <summary>
/// Everyone the matrix needs: the owning partner's world, a withdrawn partner's world (built, then its status withdrawn),
/// another partner with its own customer, a stranger, and spare accounts that calls may change.
/// </summary>
public sealed class AuthorizationWorld
{
    public required PartnershipSystem System { get; init; }
    public required PartnerWorld Owning { get; init; }
    public required PartnerWorld Withdrawn { get; init; }
    public required CustomerPartnership Other { get; init; }
    public required Account Stranger { get; init; }
    /// <summary>Added as a customer by the partners that may add customers.</summary>
    public required Account Spare { get; init; }
    /// <summary>Partner status is assigned to and withdrawn from this one.</summary>
    public required Account Bystander { get; init; }

    public static async Task<AuthorizationWorld> Build(PartnershipSystem system)
    {
        var owning = PartnerWorld.Build(system);
        var withdrawn = PartnerWorld.Build(system);
        var other = system.ActivePartnership();
        var stranger = system.RegisterAccount("stranger");
        var spare = system.RegisterAccount("spare");
        var bystander = system.RegisterAccount("bystander");
        await Task.WhenAll(owning, withdrawn, other, stranger, spare, bystander);
        await system.Accounts.WithdrawPartnerStatusAsync(new PartnerStatusRequest { AccountId = withdrawn.Result.Partner.Id },
            system.Operator.Auth);
        return new AuthorizationWorld
        {
            System = system, Owning = owning.Result, Withdrawn = withdrawn.Result, Other = other.Result, Stranger = stranger.Result,
            Spare = spare.Result, Bystander = bystander.Result,
        };
    }

    /// <summary>Who calls; null for a call without a token.</summary>
    public Account? Caller(CallerKind kind) => kind switch
    {
        CallerKind.Operator => System.Operator,
        CallerKind.OwningPartner => Owning.Partner,
        CallerKind.OtherPartner => Other.Partner,
        CallerKind.TheCustomer => Owning.Customer,
        CallerKind.OtherCustomer => Other.Customer,
        CallerKind.Stranger => Stranger,
        CallerKind.WithdrawnPartner => Withdrawn.Partner,
        _ => null,
    };

    /// <summary>Whose resources the call is about: the withdrawn partner tries its own past customer's, everyone else the owning partner's.</summary>
    public PartnerWorld Target(CallerKind kind) => kind == CallerKind.WithdrawnPartner ? Withdrawn : Owning;
}
