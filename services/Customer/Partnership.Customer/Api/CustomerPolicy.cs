using Partnership.Contracts.Customers.V1;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Messaging.CatchUp;

namespace Partnership.CustomerService.Api;

/// <summary>Who may call each RPC of the Customer service; the README's security table says the same.</summary>
public static class CustomerPolicy
{
    public static CallerPolicy Create() => new CallerPolicy()
        .Rpc(Customers.Descriptor, "CreateCustomer", Caller.Partner,
            "a partner in paid consumption mode, for a registered account other than its own")
        .Rpc(Customers.Descriptor, "GetCustomer", Caller.Account,
            "the record's partner (also after its status was withdrawn) or its customer; NOT_FOUND for anyone else")
        .Rpc(Customers.Descriptor, "WatchCustomer", Caller.Account,
            "the record's partner (also after its status was withdrawn) or its customer; NOT_FOUND for anyone else, as GetCustomer")
        .Rpc(Customers.Descriptor, "ListCustomers", Caller.Account, "the caller's own customers as partner")
        .Rpc(Customers.Descriptor, "GetInviteLink", Caller.Partner,
            "the record's partner, while the record awaits confirmation; NOT_FOUND for anyone else")
        .Rpc(Customers.Descriptor, "ListCustomerHistory", Caller.Account,
            "the record's partner or its customer; NOT_FOUND for anyone else")
        .Rpc(Customers.Descriptor, "AcceptInvite", Caller.Account,
            "the record's customer only; NOT_FOUND for anyone else, exactly as for a subaccount that does not exist")
        .Rpc(Customers.Descriptor, "EndPartnership", Caller.Account,
            "the record's partner (also after its status was withdrawn) or its customer; NOT_FOUND for anyone else")
        .Rpc(Customers.Descriptor, "SuspendPartnership", Caller.Operator,
            "operators only (an operator's pause of an Active partnership); NOT_FOUND for a record that does not exist")
        .Rpc(Customers.Descriptor, "ResumePartnership", Caller.Operator,
            "operators only; NOT_FOUND for a record that does not exist")
        .Rpc(Customers.Descriptor, "Reinvite", Caller.Partner,
            "the record's partner (partner status now), once the invitation was declined or expired; NOT_FOUND for anyone else, as GetCustomer")
        .Rpc(Customers.Descriptor, "DeclineInvite", Caller.Account,
            "the record's customer only; NOT_FOUND for anyone else, exactly as for a subaccount that does not exist")
        .IntegrationEvents();
}
