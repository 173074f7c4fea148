namespace Partnership.Messaging;

/// <summary>
/// Headers a service puts on a message it moves between its own queues (wait, _error, re-drive). The move is published
/// under the service's own broker user, so the original publisher's user-id and exchange travel in these headers; a
/// consumer trusts them only on a message whose user-id is its own login, which no other service can stamp.
/// </summary>
public static class BrokerHeaders
{
    public const string OriginUser = "partnership-origin-user";
    public const string OriginExchange = "partnership-origin-exchange";
    public const string Redeliveries = "partnership-redeliveries";
    public const string FirstFailedAt = "partnership-first-failed-at";
    public const string LastError = "partnership-last-error";

    public static string? Text(IDictionary<string, object?>? headers, string key) => headers?.TryGetValue(key, out var value) == true
        ? value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
        : null;

    /// <summary>Copies the headers, adding where the message first came from unless a move before this one already did.</summary>
    public static Dictionary<string, object?> WithOrigin(IDictionary<string, object?>? headers, string? userId, string exchange)
    {
        var copy = new Dictionary<string, object?>(headers ?? new Dictionary<string, object?>());
        if (!copy.ContainsKey(OriginUser) && userId is not null) copy[OriginUser] = userId;
        if (!copy.ContainsKey(OriginExchange)) copy[OriginExchange] = exchange;
        return copy;
    }
}
