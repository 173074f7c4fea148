using Partnership.Contracts.Identity.V1;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Messaging.CatchUp;

namespace Partnership.IdentityRoles.Api;

/// <summary>Who may call each RPC of Identity/Roles; the README's security table says the same.</summary>
public static class IdentityPolicy
{
    public static CallerPolicy Create() => new CallerPolicy()
        .Rpc(Accounts.Descriptor, "RegisterAccount", Caller.Operator, "operators only")
        .Rpc(Accounts.Descriptor, "GetAccount", Caller.Account, "the account itself or an operator; NOT_FOUND for anyone else")
        .Rpc(Accounts.Descriptor, "FindAccountByEmail", Caller.PartnerOrOperator, "partners (to add a customer by email) and operators")
        .Rpc(Accounts.Descriptor, "AssignPartnerStatus", Caller.Operator, "operators only")
        .Rpc(Accounts.Descriptor, "WithdrawPartnerStatus", Caller.Operator, "operators only")
        .Rpc(AccessBindings.Descriptor, "GetOrganization", Caller.Account,
            "accounts holding a role on the organization, and operators; NOT_FOUND for anyone else")
        .Rpc(AccessBindings.Descriptor, "ListAccessBindings", Caller.Account,
            "accounts holding a role on the resource, and operators; NOT_FOUND for anyone else")
        .Rpc(AccessBindings.Descriptor, "UpdateAccessBindings", Caller.Account,
            "holders of a managing role on the cloud or billing account (NOT_FOUND for accounts holding no role on it); a partner "
            + "whose status was withdrawn cannot use its role on a customer's subaccount; the bindings onboarding gave the "
            + "customer can be removed only by the customer")
        .Rpc(AccessBindings.Descriptor, "CheckAccess", Caller.Account, "an account about itself, operators about anyone")
        .IntegrationEvents();
}
