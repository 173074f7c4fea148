using System.Text.RegularExpressions;
using MassTransit;
using Partnership.Contracts.IntegrationEvents;
using Partnership.Messaging;

namespace Partnership.AsyncApi;

/// <summary>One exchange and the record published to it.</summary>
/// <param name="Family">The exchange name without its version ("partnership.charge-recorded").</param>
/// <param name="SupersededBy">The exchange of the newest version, when this one is not it.</param>
public sealed record CatalogueEntry(Type Record, string Exchange, string Family, int Version, string Publisher,
    IReadOnlyList<string> ConsumedBy, string? SupersededBy)
{
    public bool Current => SupersededBy is null;

    /// <summary>The messageType MassTransit writes in the envelope (the record's [MessageUrn]).</summary>
    public string Urn => MessageUrn.ForTypeString(Record);

    /// <summary>The message's name in the catalogue: the URN's last part ("ChargeRecordedV2"), not the .NET name.</summary>
    public string Name => EventCatalogue.MessageName(Record);
}

/// <summary>
/// Every integration-event record with its exchange, owner and version, read from the records' [EntityName] and
/// <see cref="IntegrationEventPublishers"/>. A record without an owner, or an owned exchange without a record, is an
/// error here, so the catalogue cannot leave one out.
/// </summary>
public static partial class EventCatalogue
{
    public static readonly IReadOnlyDictionary<string, string> ServiceNames = new Dictionary<string, string>
    {
        [IntegrationEventPublishers.Identity] = "Identity/Roles",
        [IntegrationEventPublishers.Billing] = "Billing-Account",
        [IntegrationEventPublishers.Customer] = "Customer",
        [IntegrationEventPublishers.Notification] = "Notification",
    };

    private static readonly string[] PublisherOrder =
        [IntegrationEventPublishers.Identity, IntegrationEventPublishers.Billing, IntegrationEventPublishers.Customer, IntegrationEventPublishers.Notification];

    /// <summary>
    /// A record's name on the wire, the last part of its messageType URN: "ChargeRecordedV2" for
    /// ChargeRecordedV2IntegrationEvent, whose [MessageUrn] keeps the name it was published with.
    /// </summary>
    public static string MessageName(Type record)
    {
        var urn = MessageUrn.ForTypeString(record);
        return urn[(urn.LastIndexOf(':') + 1)..];
    }

    public static IReadOnlyList<CatalogueEntry> Entries()
    {
        var records = typeof(CustomerCreatedIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(CustomerCreatedIntegrationEvent).Namespace && IntegrationEventPublishers.ExchangeOf(t) is not null)
            .ToDictionary(t => IntegrationEventPublishers.ExchangeOf(t)!);
        var owned = IntegrationEventPublishers.OwnerOfExchange;
        if (records.Keys.Except(owned.Keys).ToList() is [_, ..] unowned)
            throw new InvalidOperationException($"No publisher in IntegrationEventPublishers.OwnerOfExchange for {string.Join(", ", unowned)}.");
        if (owned.Keys.Except(records.Keys).ToList() is [_, ..] missing)
            throw new InvalidOperationException($"No record with [EntityName] for {string.Join(", ", missing)}.");

        var versions = records.Keys.Select(Parse).ToList();
        var newest = versions.GroupBy(v => v.Family).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version).Exchange);
        return versions
            .OrderBy(v => Array.IndexOf(PublisherOrder, owned[v.Exchange])).ThenBy(v => v.Family, StringComparer.Ordinal)
            .ThenBy(v => v.Version)
            .Select(v => new CatalogueEntry(records[v.Exchange], v.Exchange, v.Family, v.Version, owned[v.Exchange],
                IntegrationEventPublishers.ConsumedBy.Where(c => c.Value.Contains(v.Exchange)).Select(c => c.Key)
                    .Where(c => !IntegrationEventPublishers.DrainedBy.GetValueOrDefault(c, []).Contains(v.Exchange)).Order().ToList(),
                newest[v.Family] == v.Exchange ? null : newest[v.Family]))
            .ToList();
    }

    private static (string Exchange, string Family, int Version) Parse(string exchange) =>
        VersionSuffix().Match(exchange) is { Success: true } m
            ? (exchange, m.Groups["family"].Value, int.Parse(m.Groups["version"].Value))
            : throw new InvalidOperationException($"The exchange {exchange} does not end in .v<version>.");

    [GeneratedRegex(@"^(?<family>.+)\.v(?<version>[0-9]+)$")]
    private static partial Regex VersionSuffix();
}
