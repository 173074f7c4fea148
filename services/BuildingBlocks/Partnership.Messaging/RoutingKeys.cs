using System.Collections.Concurrent;
using System.Reflection;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.Messaging;

/// <summary>
/// The routing key a contract record is published with (<see cref="RoutingKeyAttribute"/>): its exchange is fanout, so
/// subscribers that bind it directly are unaffected; a consumer marked <see cref="TakesRoutingKeysAttribute"/> has the
/// broker drop the rest before they reach its queue.
/// </summary>
public static class RoutingKeys
{
    private static readonly ConcurrentDictionary<Type, Func<object, string>?> Readers = new();

    /// <summary>The message's routing key, or null when its record names none.</summary>
    public static string? Of(object message) => Readers.GetOrAdd(message.GetType(), Reader)?.Invoke(message);

    private static Func<object, string>? Reader(Type record)
    {
        if (record.GetCustomAttribute<RoutingKeyAttribute>() is not { } key) return null;
        var property = record.GetProperty(key.Property)
            ?? throw new InvalidOperationException($"{record.Name}'s [RoutingKey] names {key.Property}, which it does not have.");
        return message => property.GetValue(message) as string ?? "";
    }
}

/// <summary>
/// The consumer needs only the messages published with these routing keys (see <see cref="RoutingKeyAttribute"/>): its
/// queue is bound through a direct exchange of its own instead of to the message's exchange, so the broker does not
/// deliver it the others. Messages with no key ("", from publishers before the key) still reach it, so the consumer
/// must keep its own check.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TakesRoutingKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public static IReadOnlyList<string>? Of(Type consumer) => consumer.GetCustomAttribute<TakesRoutingKeysAttribute>()?.Keys;
}
