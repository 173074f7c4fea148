using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>The event store port on Marten: one stream per aggregate, string keys, the service's own schema.
/// Concurrent appends share a transaction (<see cref="GroupCommitWriter"/>). After each commit it tells the commit
/// listeners (the on-commit publisher) what was appended, append by append in commit order.</summary>
public sealed class MartenEventStore : IEventStore, IAsyncDisposable, IDisposable
{
    private readonly IDocumentStore _store;
    private readonly ICommitListener[] _listeners;
    private readonly ILogger<MartenEventStore> _logger;
    private readonly GroupCommitWriter _writer;

    internal const string TraceParentHeader = "traceparent";

    public MartenEventStore(IDocumentStore store, IEnumerable<ICommitListener> listeners, NpgsqlDataSource dataSource,
        GroupCommitOptions options, ILogger<MartenEventStore> logger, DaemonWakeup wakeup)
    {
        (_store, _listeners, _logger) = (store, listeners.ToArray(), logger);
        _writer = new GroupCommitWriter(store, dataSource, options, TellListeners, () => wakeup.CommitsNeedTelling, logger);
    }

    public async Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        return await _writer.Append(streamId, expected, events.ToArray(), ct);
    }

    private void TellListeners(PendingAppend append)
    {
        if (_listeners.Length == 0) return;
        var recorded = append.Recorded!;
        foreach (var listener in _listeners)
        {
            // The append has committed: a listener's failure must not turn it into an error for the caller.
            try
            {
                listener.Committed(recorded);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Commit listener {Listener} failed on {StreamId}; the catch-up will deliver", listener.GetType().Name,
                    append.StreamId);
            }
        }
    }

    public Task<StreamEvents> ReadStream(string streamId, CancellationToken ct) => ReadStreamAfter(streamId, 0, ct);

    public async Task<StreamEvents> ReadStreamAfter(string streamId, long afterVersion, CancellationToken ct)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId, fromVersion: afterVersion + 1, token: ct);
        var recorded = events.Where(e => e.Version > afterVersion).Select(ToRecorded).ToList();
        return new StreamEvents(streamId, recorded.Count == 0 ? afterVersion : recorded[^1].StreamVersion, recorded);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > afterPosition)
            .OrderBy(e => e.Sequence)
            .Take(maxCount)
            .ToListAsync(ct);
        return events.Where(e => !IsTombstone(e)).Select(ToRecorded).ToList();
    }

    /// <summary>Marten's filler for the sequence number of an append that failed: no event of anyone's, never delivered.</summary>
    internal const string TombstoneStream = "mt_tombstone";

    internal static bool IsTombstone(IEvent e) => e.StreamKey == TombstoneStream;

    internal static RecordedEvent ToRecorded(IEvent e) => new(
        e.Id, e.StreamKey ?? e.StreamId.ToString(), e.Version, e.Sequence, e.EventTypeName, e.Data, e.Timestamp,
        e.Headers is { } h && h.TryGetValue(TraceParentHeader, out var tp) ? tp?.ToString() : null);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    // The host disposes synchronously in places (tests); the queue is closed and whatever is queued still commits.
    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
