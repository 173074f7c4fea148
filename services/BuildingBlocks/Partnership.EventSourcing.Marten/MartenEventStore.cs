using System.Diagnostics;
using JasperFx.Events;
using Marten;

namespace Partnership.EventSourcing.Marten;

/// <summary>The event store port on Marten: one stream per aggregate, string keys, the service's own schema.</summary>
public sealed class MartenEventStore(IDocumentStore store) : IEventStore
{
    internal const string TraceParentHeader = "traceparent";

    public async Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        await using var session = store.LightweightSession();
        if (Activity.Current?.Id is { } traceParent) session.SetHeader(TraceParentHeader, traceParent);
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
        return action.Version;
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
