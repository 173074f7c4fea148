using System.Reflection;
using MassTransit;

namespace Partnership.Messaging;

/// <summary>
/// Which service publishes each integration event exchange (the catalogue contracts/asyncapi.yaml is generated from
/// this and the records). Consumers accept a message only from the
/// broker user of the exchange's owner; an exchange missing here has no owner, so nothing on it is accepted.
/// </summary>
public static class IntegrationEventPublishers
{
    public const string Identity = "identity";
    public const string Billing = "billing";
    public const string Customer = "customer";
    public const string Notification = "notification";

    public static readonly IReadOnlyDictionary<string, string> OwnerOfExchange = new Dictionary<string, string>
    {
        ["partnership.account-registered.v1"] = Identity,
        ["partnership.partner-status-assigned.v1"] = Identity,
        ["partnership.partner-status-withdrawn.v1"] = Identity,
        ["partnership.organization-created.v1"] = Identity,
        ["partnership.access-binding-granted.v1"] = Identity,
        ["partnership.access-binding-revoked.v1"] = Identity,
        ["partnership.billing-account-created.v1"] = Billing,
        ["partnership.switched-to-paid-consumption.v1"] = Billing,
        ["partnership.subaccount-created.v1"] = Billing,
        ["partnership.cloud-created.v1"] = Billing,
        ["partnership.cloud-linked.v1"] = Billing,
        ["partnership.charge-recorded.v1"] = Billing,
        ["partnership.outstanding-paid.v1"] = Billing,
        ["partnership.billing-account-created.v2"] = Billing,
        ["partnership.switched-to-paid-consumption.v2"] = Billing,
        ["partnership.cloud-linked.v2"] = Billing,
        ["partnership.charge-recorded.v2"] = Billing,
        ["partnership.outstanding-paid.v2"] = Billing,
        ["partnership.customer-created.v1"] = Customer,
        ["partnership.customer-provisioned.v1"] = Customer,
        ["partnership.partnership-confirmed.v1"] = Customer,
        ["partnership.invitation-declined.v1"] = Customer,
        ["partnership.invitation-expired.v1"] = Customer,
        ["partnership.customer-reinvited.v1"] = Customer,
        ["partnership.partnership-ended.v1"] = Customer,
        ["partnership.partnership-suspended.v1"] = Customer,
        ["partnership.partnership-resumed.v1"] = Customer,
        ["partnership.confirmation-email-sent.v1"] = Notification,
        ["partnership.confirmation-email-delivery-unknown.v1"] = Notification,
        ["partnership.confirmation-email-failed.v1"] = Notification,
    };

    /// <summary>
    /// The exchanges each service's consumers bind to. Its broker user may read (bind from) only these;
    /// AddEventBus refuses to start a service with a consumer of any other exchange, naming it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> ConsumedBy = new Dictionary<string, string[]>
    {
        [Identity] =
        [
            "partnership.customer-created.v1", "partnership.subaccount-created.v1", "partnership.cloud-created.v1",
            "partnership.billing-account-created.v1", "partnership.invitation-declined.v1", "partnership.partnership-ended.v1",
            "partnership.invitation-expired.v1", "partnership.customer-reinvited.v1",
        ],
        [Billing] =
        [
            "partnership.account-registered.v1", "partnership.customer-created.v1", "partnership.access-binding-granted.v1",
            "partnership.access-binding-revoked.v1", "partnership.partnership-confirmed.v1", "partnership.partnership-ended.v1",
            "partnership.partnership-suspended.v1", "partnership.partnership-resumed.v1",
        ],
        [Customer] =
        [
            "partnership.subaccount-created.v1", "partnership.organization-created.v1", "partnership.cloud-created.v1",
            "partnership.cloud-linked.v1", "partnership.account-registered.v1", "partnership.partner-status-assigned.v1", "partnership.partner-status-withdrawn.v1",
            "partnership.billing-account-created.v1", "partnership.switched-to-paid-consumption.v1",
            "partnership.access-binding-granted.v1", "partnership.confirmation-email-failed.v1",
        ],
        [Notification] = ["partnership.customer-provisioned.v1", "partnership.customer-reinvited.v1"],
    };

    /// <summary>
    /// Exchanges of <see cref="ConsumedBy"/> a service only drains: its consumer is [Retired] (its queue bound to nothing,
    /// finishing what an upgrade found queued), so nothing published now reaches it. Its broker user keeps the permission
    /// (the unbinding needs it); the catalogue does not list the service among the exchange's consumers.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> DrainedBy = new Dictionary<string, string[]>
    {
        [Identity] = ["partnership.customer-created.v1"],
        [Customer] = ["partnership.access-binding-granted.v1"],
    };

    /// <summary>The exchange a contract record is published to: its [EntityName], the public name.</summary>
    public static string? ExchangeOf(Type messageType) => Exchanges.GetOrAdd(messageType,
        static type => type.GetCustomAttribute<EntityNameAttribute>()?.EntityName);

    // Asked for every message consumed (PublisherCheckFilter): reading the attribute each time was about 1 % of the
    // services' CPU under load.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string?> Exchanges = new();

    /// <summary>
    /// The contract records a service publishes: those whose [EntityName] is one of its exchanges. Declared at bus start,
    /// so another team can bind to an exchange before its first event.
    /// </summary>
    public static IReadOnlyList<Type> ContractsOf(string service)
    {
        var exchanges = ExchangesOf(service).ToHashSet();
        return typeof(Partnership.Contracts.IntegrationEvents.CustomerCreatedIntegrationEvent).Assembly.GetTypes()
            .Where(t => ExchangeOf(t) is { } exchange && exchanges.Contains(exchange)).ToList();
    }

    /// <summary>The exchanges a service publishes to, for its broker permissions.</summary>
    public static IEnumerable<string> ExchangesOf(string service) =>
        OwnerOfExchange.Where(e => e.Value == service).Select(e => e.Key);
}
