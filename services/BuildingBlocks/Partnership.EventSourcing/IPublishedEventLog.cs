namespace Partnership.EventSourcing;

/// <summary>
/// Which committed events were already published on commit, so the catch-up does not publish them a
/// second time. Kept in the service's own store, so replicas of the service share it.
/// </summary>
public interface IPublishedEventLog
{
    /// <summary>
    /// Records events whose publish the broker confirmed (recording one twice is harmless) and, in the same transaction,
    /// forgets what <paramref name="forget"/> names, so the log stays small without a commit of its own.
    /// </summary>
    Task Record(IReadOnlyList<(Guid EventId, long Position)> published, PublishedRecordsToForget? forget, CancellationToken ct);

    /// <summary>The subset of <paramref name="eventIds"/> that was recorded as published.</summary>
    Task<IReadOnlySet<Guid>> Published(IReadOnlyCollection<Guid> eventIds, CancellationToken ct);
}

/// <summary>Records the catch-up has passed (at or below <paramref name="Through"/>), and any older than <paramref name="Retention"/>.</summary>
public sealed record PublishedRecordsToForget(long Through, TimeSpan Retention);
