using Partnership.Contracts.Billing.V1;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Messaging.CatchUp;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.Api;

/// <summary>Who may call each RPC of Billing-Account; the README's security table says the same.</summary>
public static class BillingPolicy
{
    public static CallerPolicy Create() => new CallerPolicy()
        .Rpc(BillingAccounts.Descriptor, "GetMyBillingAccount", Caller.Account, "the caller's own billing account")
        .Rpc(BillingAccounts.Descriptor, "ListBillingAccounts", Caller.Account,
            "the caller's own account and the subaccounts where it is the partner or the customer")
        .Rpc(BillingAccounts.Descriptor, "GetBillingAccount", Caller.Account,
            "the owner of a personal account; the partner and the customer of a subaccount; NOT_FOUND for anyone else")
        .Rpc(BillingAccounts.Descriptor, "SwitchToPaidConsumption", Caller.Account, "the caller's own personal account")
        .Rpc(Proto.Clouds.Descriptor, "CreateCloud", Caller.Account,
            "in an organization where the caller holds a role, paid by its own account or by a subaccount where it is the "
            + "customer and the partnership is Active; NOT_FOUND for an organization or billing account the caller cannot see")
        .Rpc(Proto.Clouds.Descriptor, "GetCloud", Caller.Account,
            "its creator and whoever may see the billing account paying for it; NOT_FOUND for anyone else")
        .Rpc(Proto.Clouds.Descriptor, "ListLinkableClouds", Caller.Partner, "the subaccount's partner; NOT_FOUND for anyone else")
        .Rpc(Proto.Clouds.Descriptor, "CheckLinkable", Caller.Partner,
            "the subaccount's partner, about a cloud it holds a role on; NOT_FOUND otherwise")
        .Rpc(Proto.Clouds.Descriptor, "LinkCloud", Caller.Account,
            "into an Active subaccount of the customer who owns the cloud (by its partner, holding partner status, or the "
            + "customer), or back to that customer's own account; a linking role on the cloud, and an editing role on the "
            + "billing account it leaves unless that is the caller's own; NOT_FOUND for what the caller cannot see")
        .Rpc(Proto.Clouds.Descriptor, "RecordCharge", Caller.Operator, "operators (the metering system) only")
        .Rpc(Proto.Clouds.Descriptor, "PayOutstanding", Caller.Account,
            "the billing account's owner (a partner whose status was withdrawn still settles what its subaccounts owe); "
            + "NOT_FOUND for accounts that cannot see it")
        .IntegrationEvents();
}
