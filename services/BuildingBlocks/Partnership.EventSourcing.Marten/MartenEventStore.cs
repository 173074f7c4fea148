using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;

namespace Partnership.EventSourcing.Marten;

/// <summary>The event store port on Marten: one stream per aggregate, string keys, the service's own schema.
/// After each commit it tells the commit listeners (the on-commit publisher) what was appended.</summary>
public sealed class MartenEventStore(IDocumentStore store, IEnumerable<ICommitListener> listeners, ILogger<MartenEventStore> logger)
    : IEventStore
{
    private readonly ICommitListener[] _listeners = listeners.ToArray();

    internal const string TraceParentHeader = "traceparent";

    public async Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        await using var session = store.LightweightSession();
        var traceParent = Activity.Current?.Id;
        if (traceParent is not null) session.SetHeader(TraceParentHeader, traceParent);
        var eventArray = events.ToArray();
        StreamAction action;
        if (expected == ExpectedVersion.NoStream) action = session.Events.StartStream(streamId, eventArray);
        else if (expected == ExpectedVersion.Any) action = session.Events.Append(streamId, eventArray);
        // Marten checks the version the stream reaches after the append.
        else action = session.Events.Append(streamId, expected.Value + eventArray.Length, eventArray);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
        {
            throw new WrongExpectedVersionException(streamId, expected, e);
        }
        TellListeners(streamId, action, traceParent);
        return action.Version;
    }

    private void TellListeners(string streamId, StreamAction action, string? traceParent)
    {
        if (_listeners.Length == 0) return;
        var committedAt = DateTimeOffset.UtcNow;
        var recorded = action.Events.Select(e => new RecordedEvent(e.Id, streamId, e.Version, e.Sequence, e.EventTypeName, e.Data,
            e.Timestamp == default ? committedAt : e.Timestamp, traceParent)).ToList();
        foreach (var listener in _listeners)
        {
            // The append has committed: a listener's failure must not turn it into an error for the caller.
            try
            {
                listener.Committed(recorded);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Commit listener {Listener} failed on {StreamId}; the catch-up will deliver", listener.GetType().Name, streamId);
            }
        }
    }

    public async Task<StreamEvents> ReadStream(string streamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        var recorded = events.Select(ToRecorded).ToList();
        return new StreamEvents(streamId, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion, recorded);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > afterPosition)
            .OrderBy(e => e.Sequence)
            .Take(maxCount)
            .ToListAsync(ct);
        return events.Select(ToRecorded).ToList();
    }

    internal static RecordedEvent ToRecorded(IEvent e) => new(
        e.Id, e.StreamKey ?? e.StreamId.ToString(), e.Version, e.Sequence, e.EventTypeName, e.Data, e.Timestamp,
        e.Headers is { } h && h.TryGetValue(TraceParentHeader, out var tp) ? tp?.ToString() : null);

    private static bool IsConcurrencyConflict(Exception e) =>
        e is EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException
            or global::Marten.Exceptions.ExistingStreamIdCollisionException
        || e.InnerException is { } inner && IsConcurrencyConflict(inner);
}
