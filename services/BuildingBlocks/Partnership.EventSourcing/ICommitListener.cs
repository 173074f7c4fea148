namespace Partnership.EventSourcing;

/// <summary>
/// Told of events right after the store committed them, so they can leave the service at once instead of
/// waiting for a catch-up subscription to poll them. Called on the appending caller's path: it must hand the
/// events off and return without waiting for any I/O. Whatever it fails to do, the catch-up does later.
/// </summary>
public interface ICommitListener
{
    void Committed(IReadOnlyList<RecordedEvent> events);
}
