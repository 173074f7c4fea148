namespace Partnership.EventSourcing;

/// <summary>
/// Stored event names carry their version ("customer.created.v1"): a contract changes by adding a
/// V2 type, never by editing V1, so old streams stay readable.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<Type, string> _names = new();

    public EventTypeRegistry Map<T>(string name)
    {
        _names.Add(typeof(T), name);
        return this;
    }

    public IReadOnlyDictionary<Type, string> Names => _names;
}
