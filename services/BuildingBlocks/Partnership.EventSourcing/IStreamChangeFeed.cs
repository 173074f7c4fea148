namespace Partnership.EventSourcing;

/// <summary>
/// Wake-ups for readers that follow a stream (a server-streaming watch): told when any process of the service
/// committed to the stream. A wake-up says only "read it again"; it may come for nothing and, when a notification is
/// lost, not at all, so a follower also reads again at a modest interval.
/// </summary>
public interface IStreamChangeFeed
{
    /// <summary>Completes at the next change to <paramref name="streamId"/> committed after this call (take it before reading).</summary>
    Task NextChange(string streamId);
}
