using System.Text.RegularExpressions;
using Partnership.Messaging;

namespace Partnership.AppHost.Infrastructure.Access;

/// <summary>
/// A service's RabbitMQ permissions (configure / write / read regexes). Everything the service creates
/// starts with "&lt;service&gt;-" (its queues, their endpoint exchanges, _error/_skipped, the bus endpoint).
/// Beyond that it may write (publish) only to the exchanges it owns, and read (bind from) only the exchanges
/// it consumes; MassTransit declares an exchange before binding to it, which needs configure on it.
/// </summary>
public static class BrokerPermissions
{
    public sealed record Regexes(string Configure, string Write, string Read);

    public static Regexes For(string service)
    {
        var own = IntegrationEventPublishers.ExchangesOf(service).ToArray();
        var consumed = IntegrationEventPublishers.ConsumedBy.GetValueOrDefault(service, []);
        var prefix = Regex.Escape(service + "-") + ".*";
        return new(AnyOf([prefix, .. own.Concat(consumed).Distinct().Select(Regex.Escape)]),
            AnyOf([prefix, .. own.Select(Regex.Escape)]),
            AnyOf([prefix, .. consumed.Select(Regex.Escape)]));
    }

    private static string AnyOf(IEnumerable<string> alternatives) => $"^({string.Join("|", alternatives)})$";
}
