using System.Text.RegularExpressions;
using Partnership.ServiceDefaults.Messaging;

namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// A service's RabbitMQ permissions (configure / write / read regexes). Everything the service creates
/// starts with "&lt;service&gt;-" (its queues, their endpoint exchanges, _error/_skipped, the bus endpoint).
/// Beyond that it may write (publish) only to the exchanges it owns, and read (bind from) only the exchanges
/// it consumes; MassTransit declares an exchange before binding to it, which needs configure on it.
/// </summary>
public static class BrokerPermissions
{
    /// <summary>The exchanges each service's consumers bind to: keep in step with its AddConsumer calls.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Consumes = new Dictionary<string, string[]>
    {
        [IntegrationEventPublishers.Identity] =
        [
            "partnership.customer-created.v1", "partnership.subaccount-created.v1", "partnership.cloud-created.v1",
            "partnership.billing-account-created.v1",
        ],
        [IntegrationEventPublishers.Billing] =
        [
            "partnership.account-registered.v1", "partnership.customer-created.v1", "partnership.access-binding-granted.v1",
            "partnership.access-binding-revoked.v1",
        ],
        [IntegrationEventPublishers.Customer] =
        [
            "partnership.subaccount-created.v1", "partnership.organization-created.v1", "partnership.cloud-linked.v1",
        ],
        [IntegrationEventPublishers.Notification] = ["partnership.customer-provisioned.v1"],
    };

    public sealed record Regexes(string Configure, string Write, string Read);

    public static Regexes For(string service)
    {
        var own = IntegrationEventPublishers.ExchangesOf(service).ToArray();
        var consumed = Consumes.GetValueOrDefault(service, []);
        var prefix = Regex.Escape(service + "-") + ".*";
        return new(AnyOf([prefix, .. own.Concat(consumed).Distinct().Select(Regex.Escape)]),
            AnyOf([prefix, .. own.Select(Regex.Escape)]),
            AnyOf([prefix, .. consumed.Select(Regex.Escape)]));
    }

    private static string AnyOf(IEnumerable<string> alternatives) => $"^({string.Join("|", alternatives)})$";
}
