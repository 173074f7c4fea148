namespace Partnership.EventSourcing;

/// <summary>The stream version an append expects to find, as in EventStoreDB: a stream's first event is version 1.</summary>
public readonly record struct ExpectedVersion(long Value)
{
    /// <summary>The stream must not exist yet.</summary>
    public static readonly ExpectedVersion NoStream = new(0);

    /// <summary>No check; used only where an append cannot conflict by design.</summary>
    public static readonly ExpectedVersion Any = new(-1);

    public static ExpectedVersion Exactly(long version) =>
        version < 0 ? throw new ArgumentOutOfRangeException(nameof(version)) : new(version);

    public override string ToString() => Value switch { 0 => "no stream", -1 => "any", _ => Value.ToString() };
}
