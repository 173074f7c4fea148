namespace Partnership.AsyncApi;

/// <summary>The catalogue's prose: what every subscriber must know, beside what each record says of itself.</summary>
internal static class Text
{
    public const string About =
        "The integration events of the Partnership services (Identity/Roles, Billing-Account, Customer, Notification), "
        + "published on RabbitMQ by MassTransit 8 to durable fanout exchanges, one per event and version; bind your own queue "
        + "to an exchange to subscribe. Each message is MassTransit's JSON envelope with the event, camelCase, as `message`.\n\n"
        + "Delivery is at least once: `messageId` is the ID of the stored event, the same on a redelivery and on every version "
        + "of one event, so deduplicate on it. Events about one customer are published in causal order; suspensions and "
        + "resumptions travel on two exchanges and carry `customerVersion` (keep the highest). Every message carries the AMQP "
        + "`user-id` of its publisher's broker user (the operation's userId), which the broker enforces.\n\n"
        + "Money is a decimal string with exactly two places (\"4000.00\"), as in gRPC's Money.amount. Version 1 of the "
        + "events with money carries decimal strings with as many places as the amount happened to have (\"4000\", "
        + "\"130.5\"); they are deprecated and still published, unchanged, beside "
        + "version 2 (x-current, x-superseded-by). Fields are only ever added, at the end and optional; any other change is a "
        + "new exchange with a new version.\n\n"
        + "Exchanges do not replay: to read what was published before your queue existed, call "
        + "partnership.events.v1.IntegrationEvents.Subscribe on the publishing service (same messageId, `message` as payload_json).\n\n"
        + "Generated from contracts/Partnership.Contracts/IntegrationEvents by tools/Partnership.AsyncApi; do not edit by hand.";

    /// <summary>What changed from a deprecated version to the current one.</summary>
    public static string Change(CatalogueEntry entry) =>
        entry.Version == 1 ? "every money amount with exactly two places: \"4000.00\", not \"4000\"" : "see the current version";
}
