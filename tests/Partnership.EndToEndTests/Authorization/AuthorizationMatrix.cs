using Grpc.Core;
using Partnership.Contracts.Billing.V1;
using Partnership.Contracts.Customers.V1;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.Identity.V1;
using Partnership.Contracts.Notification.V1;
using static Grpc.Core.StatusCode;

namespace Partnership.EndToEndTests.Authorization;

/// <summary>One RPC called as each kind of caller, and the status each must get (anonymous callers: always UNAUTHENTICATED).</summary>
public sealed record RpcCase(string Rpc, Func<AuthorizationWorld, CallerKind, CallOptions, Task> Call,
    IReadOnlyDictionary<CallerKind, StatusCode> Expected);

/// <summary>
/// Who may do what, written down once as the expected outcome of every RPC for every kind of caller. The columns:
/// operator, owning partner, another partner, the customer, another customer, a stranger, a partner whose status was
/// withdrawn (trying its own past customer's resources). NOT_FOUND where the resource exists but is not the caller's:
/// exactly what a resource that does not exist answers.
/// </summary>
public static class AuthorizationMatrix
{
    private static IReadOnlyDictionary<CallerKind, StatusCode> E(StatusCode op, StatusCode owning, StatusCode other, StatusCode customer,
        StatusCode otherCustomer, StatusCode stranger, StatusCode withdrawn) => new Dictionary<CallerKind, StatusCode>
    {
        [CallerKind.Operator] = op, [CallerKind.OwningPartner] = owning, [CallerKind.OtherPartner] = other,
        [CallerKind.TheCustomer] = customer, [CallerKind.OtherCustomer] = otherCustomer, [CallerKind.Stranger] = stranger,
        [CallerKind.WithdrawnPartner] = withdrawn, [CallerKind.Anonymous] = Unauthenticated,
    };

    private static RpcCase Case(string rpc, IReadOnlyDictionary<CallerKind, StatusCode> expected,
        Func<AuthorizationWorld, CallerKind, CallOptions, Task> call) => new(rpc, call, expected);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static RpcCase SubscribeCase(string service) => new($"partnership.events.v1.IntegrationEvents/Subscribe@{service}",
        async (w, _, o) =>
        {
            using var call = new IntegrationEvents.IntegrationEventsClient(w.System.Channel(service)).Subscribe(new SubscribeRequest(), o);
            if (!await call.ResponseStream.MoveNext(CancellationToken.None)) throw new InvalidOperationException("Subscribe sent nothing.");
        },
        E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied));

    public static IReadOnlyList<RpcCase> Cases { get; } =
    [
        // Identity/Roles: accounts.
        Case("partnership.identity.v1.Accounts/RegisterAccount", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, _, o) => w.System.Accounts.RegisterAccountAsync(new RegisterAccountRequest { Email = Scenario.UniqueEmail("new"), DisplayName = "New" }, o).ResponseAsync),
        Case("partnership.identity.v1.Accounts/GetAccount", E(OK, NotFound, NotFound, OK, NotFound, NotFound, NotFound),
            (w, k, o) => w.System.Accounts.GetAccountAsync(new GetAccountRequest { AccountId = w.Target(k).Customer.Id }, o).ResponseAsync),
        Case("partnership.identity.v1.Accounts/FindAccountByEmail", E(OK, OK, OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Accounts.FindAccountByEmailAsync(new FindAccountByEmailRequest { Email = w.Target(k).Customer.Email }, o).ResponseAsync),
        Case("partnership.identity.v1.Accounts/AssignPartnerStatus", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, _, o) => w.System.Accounts.AssignPartnerStatusAsync(new PartnerStatusRequest { AccountId = w.Bystander.Id }, o).ResponseAsync),
        Case("partnership.identity.v1.Accounts/WithdrawPartnerStatus", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, _, o) => w.System.Accounts.WithdrawPartnerStatusAsync(new PartnerStatusRequest { AccountId = w.Bystander.Id }, o).ResponseAsync),

        // Identity/Roles: organizations and access bindings.
        Case("partnership.identity.v1.AccessBindings/GetOrganization", E(OK, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.AccessBindings.GetOrganizationAsync(new GetOrganizationRequest { OrganizationId = w.Target(k).OrganizationId }, o).ResponseAsync),
        Case("partnership.identity.v1.AccessBindings/ListAccessBindings", E(OK, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.AccessBindings.ListAccessBindingsAsync(new ListAccessBindingsRequest
            {
                ResourceType = ResourceType.BillingAccount, ResourceId = w.Target(k).SubaccountId,
            }, o).ResponseAsync),
        Case("partnership.identity.v1.AccessBindings/UpdateAccessBindings", E(NotFound, OK, NotFound, OK, NotFound, NotFound, PermissionDenied),
            (w, k, o) => w.System.AccessBindings.UpdateAccessBindingsAsync(new UpdateAccessBindingsRequest
            {
                ResourceType = ResourceType.BillingAccount, ResourceId = w.Target(k).SubaccountId,
                Deltas = { new AccessBindingDelta { Action = AccessBindingDelta.Types.Action.Add, SubjectAccountId = w.Spare.Id, RoleId = "billing.accounts.viewer" } },
            }, o).ResponseAsync),
        Case("partnership.identity.v1.AccessBindings/CheckAccess", E(OK, OK, OK, OK, OK, OK, OK),
            (w, k, o) => w.System.AccessBindings.CheckAccessAsync(new CheckAccessRequest
            {
                ResourceType = ResourceType.BillingAccount, ResourceId = w.Target(k).SubaccountId,
                SubjectAccountId = w.Caller(k)?.Id ?? w.Stranger.Id, RoleIds = { "admin" },
            }, o).ResponseAsync),

        // Billing-Account: billing accounts.
        Case("partnership.billing.v1.BillingAccounts/GetMyBillingAccount", E(NotFound, OK, OK, OK, OK, OK, OK),
            (w, _, o) => w.System.Billing.GetMyBillingAccountAsync(new GetMyBillingAccountRequest(), o).ResponseAsync),
        Case("partnership.billing.v1.BillingAccounts/ListBillingAccounts", E(OK, OK, OK, OK, OK, OK, OK),
            (w, _, o) => w.System.Billing.ListBillingAccountsAsync(new ListBillingAccountsRequest(), o).ResponseAsync),
        Case("partnership.billing.v1.BillingAccounts/GetBillingAccount", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.Billing.GetBillingAccountAsync(new GetBillingAccountRequest { BillingAccountId = w.Target(k).SubaccountId }, o).ResponseAsync),
        Case("partnership.billing.v1.BillingAccounts/SwitchToPaidConsumption", E(NotFound, OK, OK, OK, OK, OK, OK),
            (w, _, o) => w.System.Billing.SwitchToPaidConsumptionAsync(new SwitchToPaidConsumptionRequest(), o).ResponseAsync),

        // Billing-Account: clouds.
        Case("partnership.billing.v1.Clouds/CreateCloud", E(NotFound, PermissionDenied, NotFound, OK, NotFound, NotFound, PermissionDenied),
            (w, k, o) => w.System.Clouds().CreateCloudAsync(new CreateCloudRequest
            {
                RequestId = NewId(), Name = "matrix", OrganizationId = w.Target(k).OrganizationId, BillingAccountId = w.Target(k).SubaccountId,
            }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/GetCloud", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.Clouds().GetCloudAsync(new GetCloudRequest { CloudId = w.Target(k).CloudInSubaccount.CloudId }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/ListLinkableClouds", E(PermissionDenied, OK, NotFound, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Clouds().ListLinkableCloudsAsync(new ListLinkableCloudsRequest { SubaccountId = w.Target(k).SubaccountId }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/CheckLinkable", E(PermissionDenied, OK, NotFound, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Clouds().CheckLinkableAsync(new CheckLinkableRequest
            {
                SubaccountId = w.Target(k).SubaccountId, CloudId = w.Target(k).CloudToLink.CloudId,
            }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/LinkCloud", E(NotFound, OK, NotFound, OK, NotFound, NotFound, PermissionDenied),
            (w, k, o) => w.System.Clouds().LinkCloudAsync(new LinkCloudRequest
            {
                CloudId = w.Target(k).CloudToLink.CloudId, BillingAccountId = w.Target(k).SubaccountId,
            }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/RecordCharge", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Clouds().RecordChargeAsync(new RecordChargeRequest { RequestId = NewId(), CloudId = w.Target(k).CloudInSubaccount.CloudId, Amount = "1.00" }, o).ResponseAsync),
        Case("partnership.billing.v1.Clouds/PayOutstanding", E(NotFound, OK, NotFound, PermissionDenied, NotFound, NotFound, OK),
            (w, k, o) => w.System.Clouds().PayOutstandingAsync(new PayOutstandingRequest { BillingAccountId = w.Target(k).SubaccountId, Amount = "0.01", PaymentReference = NewId() }, o).ResponseAsync),

        // Customer.
        Case("partnership.customers.v1.Customers/CreateCustomer", E(PermissionDenied, OK, OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, _, o) => w.System.Customers.CreateCustomerAsync(new CreateCustomerRequest { RequestId = NewId(), Name = "Spare LLC", Email = w.Spare.Email }, o).ResponseAsync),
        Case("partnership.customers.v1.Customers/GetCustomer", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o).ResponseAsync),
        // The first message (the record now), then the call is cancelled.
        Case("partnership.customers.v1.Customers/WatchCustomer", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            async (w, k, o) =>
            {
                using var call = w.System.Customers.WatchCustomer(new WatchCustomerRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None)) throw new InvalidOperationException("The watch sent nothing.");
            }),
        Case("partnership.customers.v1.Customers/ListCustomers", E(OK, OK, OK, OK, OK, OK, OK),
            (w, _, o) => w.System.Customers.ListCustomersAsync(new ListCustomersRequest(), o).ResponseAsync),
        Case("partnership.customers.v1.Customers/GetInviteLink", E(PermissionDenied, OK, NotFound, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Customers.GetInviteLinkAsync(new GetInviteLinkRequest { CustomerId = w.Target(k).Pending.CustomerId }, o).ResponseAsync),
        // On the record awaiting its answer: the owning partner's reinvite is a no-op (OK); the policy wants a partner now.
        Case("partnership.customers.v1.Customers/Reinvite", E(PermissionDenied, OK, NotFound, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Customers.ReinviteAsync(new ReinviteRequest { CustomerId = w.Target(k).Pending.CustomerId }, o).ResponseAsync),
        Case("partnership.customers.v1.Customers/AcceptInvite", E(NotFound, NotFound, NotFound, OK, NotFound, NotFound, NotFound),
            (w, k, o) => w.System.Customers.AcceptInviteAsync(new AcceptInviteRequest { SubaccountId = w.Target(k).SubaccountId }, o).ResponseAsync),
        // On the Active record: the customer passes the policy and is refused by the decision (already confirmed).
        Case("partnership.customers.v1.Customers/DeclineInvite", E(NotFound, NotFound, NotFound, FailedPrecondition, NotFound, NotFound, NotFound),
            (w, k, o) => w.System.Customers.DeclineInviteAsync(new DeclineInviteRequest { SubaccountId = w.Target(k).SubaccountId }, o).ResponseAsync),
        Case("partnership.customers.v1.Customers/ListCustomerHistory", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.Customers.ListCustomerHistoryAsync(new ListCustomerHistoryRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o).ResponseAsync),
        // The operator suspends the Active record, then resumes it (Active again for EndPartnership below).
        Case("partnership.customers.v1.Customers/SuspendPartnership", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Customers.SuspendPartnershipAsync(new SuspendPartnershipRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o).ResponseAsync),
        Case("partnership.customers.v1.Customers/ResumePartnership", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, k, o) => w.System.Customers.ResumePartnershipAsync(new ResumePartnershipRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o).ResponseAsync),
        // Last of the Customer cases: it ends the Active partnership (the first OK ends it, the later ones find it ended).
        Case("partnership.customers.v1.Customers/EndPartnership", E(NotFound, OK, NotFound, OK, NotFound, NotFound, OK),
            (w, k, o) => w.System.Customers.EndPartnershipAsync(new EndPartnershipRequest { CustomerId = w.Target(k).Active.Record.CustomerId }, o).ResponseAsync),

        // Every service: catch-up on its integration events (operators and its named subscriber clients). The first event, then
        // the call is cancelled.
        SubscribeCase("identity"), SubscribeCase("billing"), SubscribeCase("customer"), SubscribeCase("notification"),

        // Notification.
        Case("partnership.notification.v1.ConfirmationEmails/ListDeliveries", E(OK, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied, PermissionDenied),
            (w, _, o) => w.System.Emails.ListDeliveriesAsync(new ListDeliveriesRequest(), o).ResponseAsync),
    ];
}
