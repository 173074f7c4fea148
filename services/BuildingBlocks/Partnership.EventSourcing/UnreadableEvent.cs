namespace Partnership.EventSourcing;

/// <summary>
/// The data of a committed event this build cannot read: its stored type is unknown here (a newer build wrote it)
/// or its data does not deserialize. Catch-up subscribers receive it in its place rather than nothing, so a gap in
/// what they deliver is never silent.
/// </summary>
public sealed record UnreadableEvent(string StoredType, string Why);
