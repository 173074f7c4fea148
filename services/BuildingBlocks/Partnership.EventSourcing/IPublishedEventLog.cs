namespace Partnership.EventSourcing;

/// <summary>
/// Which committed events were already published on commit, so the catch-up does not publish them a
/// second time. Kept in the service's own store, so replicas of the service share it.
/// </summary>
public interface IPublishedEventLog
{
    /// <summary>Records events whose publish the broker confirmed. Recording one twice is harmless.</summary>
    Task Record(IReadOnlyList<(Guid EventId, long Position)> published, CancellationToken ct);

    /// <summary>The subset of <paramref name="eventIds"/> that was recorded as published.</summary>
    Task<IReadOnlySet<Guid>> Published(IReadOnlyCollection<Guid> eventIds, CancellationToken ct);

    /// <summary>
    /// Forgets records the catch-up has passed (at or below <paramref name="position"/>), and any older than
    /// <paramref name="retention"/>, so the log stays small.
    /// </summary>
    Task Forget(long position, TimeSpan retention, CancellationToken ct);
}
