using Partnership.EventSourcing;

namespace Partnership.Messaging.CatchUp;

/// <summary>What a Subscribe request may ask for: a position not below 0 and only exchanges the service owns.</summary>
public static class SubscribeRequestRules
{
    /// <summary>The exchanges to send (all the service owns when none is named).</summary>
    /// <exception cref="DomainException">INVALID_ARGUMENT naming from_position or the event_types entry.</exception>
    public static IReadOnlySet<string> Exchanges(long fromPosition, IReadOnlyList<string> eventTypes, IReadOnlyCollection<string> owned,
        string service)
    {
        if (fromPosition < 0) throw DomainException.Invalid("from_position", "must be 0 (from the beginning) or a position received before.");
        if (eventTypes.Count == 0) return owned.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < eventTypes.Count; i++)
        {
            // Another service's exchange is refused too, not silently empty: its events are caught up from its owner.
            if (!owned.Contains(eventTypes[i]))
                throw DomainException.Invalid($"event_types[{i}]",
                    $"\"{eventTypes[i]}\" is not an exchange of the {service} service; ask the service that publishes it.");
        }
        return eventTypes.ToHashSet(StringComparer.Ordinal);
    }
}
