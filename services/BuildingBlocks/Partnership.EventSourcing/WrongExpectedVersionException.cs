namespace Partnership.EventSourcing;

/// <summary>An append found the stream at another version than it expected; nothing was written.</summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, Exception? inner = null)
    : Exception($"Stream '{streamId}' is not at the expected version ({expected}); nothing was appended.", inner)
{
    public string StreamId { get; } = streamId;
    public ExpectedVersion Expected { get; } = expected;
}
