using System.Diagnostics;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Group commit: concurrent appends queue here and one writer commits up to MaxBatch of them in one Marten session,
/// one transaction, one SaveChanges. Each caller is answered only after that commit, with its own stream version.
/// Versions are checked per stream: a stale append fails its caller alone and the rest of the batch commits.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitOptions _options;
    private readonly Action<PendingAppend> _committed;
    private readonly KeyValuePair<string, object?> _schemaTag;
    private readonly string _streamsTable;
    private readonly string _notifySql;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // Appends that could not join the last batch (it was full, or already held their stream), oldest first.
    private readonly List<PendingAppend> _held = [];
    private bool _eventTablesExist;

    public GroupCommitWriter(IDocumentStore store, NpgsqlDataSource dataSource, GroupCommitOptions options, Action<PendingAppend> committed,
        ILogger logger)
    {
        (_store, _dataSource, _options, _committed) = (store, dataSource, options, committed);
        var schema = store.Options.Events.DatabaseSchemaName;
        _schemaTag = new(EventStoreMetrics.SchemaTag, schema);
        _streamsTable = $"{schema}.mt_streams";
        _notifySql = DaemonWakeup.NotifySql(schema);
        _writer = Task.Run(async () =>
        {
            try
            {
                await Run();
            }
            catch (Exception e)
            {
                // Every error of a batch goes to its callers; reaching here is a bug, and queued callers would hang.
                logger.LogCritical(e, "The event store's group commit writer stopped");
                throw;
            }
        });
    }

    public async Task<long> Append(string streamId, ExpectedVersion expected, object[] events, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingAppend(streamId, expected, events, ct);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(MartenEventStore), "The event store is shutting down.");
        await using var _ = ct.Register(static p => ((PendingAppend)p!).TryCancel(), pending);
        return await pending.Done.Task;
    }

    private async Task Run()
    {
        var reader = _queue.Reader;
        while (_held.Count > 0 || await reader.WaitToReadAsync())
        {
            var batch = await NextBatch(reader);
            if (batch.Count > 0) await Commit(batch, _options.CheckVersionsFirst);
        }
    }

    private async Task<List<PendingAppend>> NextBatch(ChannelReader<PendingAppend> reader)
    {
        var batch = new List<PendingAppend>(Math.Min(_options.MaxBatch, 256));
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var stillHeld = new List<PendingAppend>();
        var heldStreams = new HashSet<string>(StringComparer.Ordinal);

        void Offer(PendingAppend pending)
        {
            // Two appends to one stream never share a session: the second waits for the next batch, so it is checked
            // against the version the first one left. Later appends to a held stream wait too, keeping their order.
            if (batch.Count >= _options.MaxBatch || streams.Contains(pending.StreamId) || heldStreams.Contains(pending.StreamId))
            {
                stillHeld.Add(pending);
                heldStreams.Add(pending.StreamId);
            }
            else if (pending.TryTake())
            {
                batch.Add(pending);
                streams.Add(pending.StreamId);
            }
            // else: the caller gave up while queued; it is dropped without touching the batch.
        }

        foreach (var pending in _held) Offer(pending);
        _held.Clear();
        var lingerUntil = Stopwatch.GetTimestamp() + (long)(_options.Linger.TotalSeconds * Stopwatch.Frequency);
        while (batch.Count < _options.MaxBatch)
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending)) Offer(pending);
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), lingerUntil);
            if (batch.Count == 0 || batch.Count >= _options.MaxBatch || left <= TimeSpan.Zero) break;
            using var timeout = new CancellationTokenSource(left);
            var more = reader.WaitToReadAsync(timeout.Token).AsTask();
            await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!more.IsCompletedSuccessfully || !more.Result) break;
        }
        _held.AddRange(stillHeld);
        return batch;
    }

    private async Task Commit(List<PendingAppend> batch, bool checkVersionsFirst)
    {
        try
        {
            // A lone append needs no check first: Marten's append function compares the version before it takes any
            // sequence number, so a stale one fails alone and burns nothing. In a batch, the appends before it would.
            if (checkVersionsFirst && batch.Count > 1) batch = await TurnAwayStale(batch);
            if (batch.Count == 0) return;
            await Save(batch);
        }
        catch (Exception e) when (MartenEventStore.IsConcurrencyConflict(e) && batch.Count > 1)
        {
            // A writer outside this process changed one of the streams since the check (or the check is off). Which
            // append conflicted is not said, so each goes alone: only the conflicting caller fails.
            foreach (var pending in batch) await Commit([pending], checkVersionsFirst: false);
        }
        catch (Exception e) when (MartenEventStore.IsConcurrencyConflict(e))
        {
            batch[0].Done.TrySetException(new WrongExpectedVersionException(batch[0].StreamId, batch[0].Expected, e));
        }
        catch (Exception e)
        {
            // The database is down or refused the transaction: nothing of the batch was written; every caller retries.
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
    }

    /// <summary>Fails the appends whose stream is not at the expected version; returns the rest.</summary>
    private async Task<List<PendingAppend>> TurnAwayStale(List<PendingAppend> batch)
    {
        var checkedStreams = batch.Where(p => p.Expected != ExpectedVersion.Any).Select(p => p.StreamId).ToArray();
        if (checkedStreams.Length == 0) return batch;
        if (!_eventTablesExist)
        {
            // Marten creates its tables on first use; this query may come before any Marten call has.
            await _store.Storage.Database.EnsureStorageExistsAsync(typeof(IEvent), CancellationToken.None);
            _eventTablesExist = true;
        }
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = _dataSource.CreateCommand($"select id, version from {_streamsTable} where id = any(@ids)"))
        {
            command.Parameters.AddWithValue("ids", checkedStreams);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync()) versions[rows.GetString(0)] = rows.GetInt64(1);
        }
        var fresh = new List<PendingAppend>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Expected == ExpectedVersion.Any || versions.GetValueOrDefault(pending.StreamId) == pending.Expected.Value)
                fresh.Add(pending);
            else pending.Done.TrySetException(new WrongExpectedVersionException(pending.StreamId, pending.Expected));
        }
        return fresh;
    }

    private async Task Save(List<PendingAppend> batch)
    {
        // The commit's database spans join the first caller's trace rather than starting a trace of their own.
        var previous = Activity.Current;
        Activity.Current = batch[0].Activity;
        try
        {
            await using var session = _store.LightweightSession();
            foreach (var pending in batch)
            {
                pending.Action = pending.Expected == ExpectedVersion.NoStream ? session.Events.StartStream(pending.StreamId, pending.Events)
                    : pending.Expected == ExpectedVersion.Any ? session.Events.Append(pending.StreamId, pending.Events)
                    // Marten checks the version the stream reaches after the append.
                    : session.Events.Append(pending.StreamId, pending.Expected.Value + pending.Events.Length, pending.Events);
                // Each caller's own trace on its own events: one batch carries many requests.
                if (pending.TraceParent is { } traceParent)
                    foreach (var e in pending.Action.Events) e.SetHeader(MartenEventStore.TraceParentHeader, traceParent);
            }
            // One NOTIFY per transaction, delivered on commit: the daemons (DaemonWakeup) read the new events.
            session.QueueSqlCommand(_notifySql);
            // Not any caller's token: the batch is everyone's.
            await session.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            Activity.Current = previous;
        }
        EventStoreMetrics.CommitCounter.Add(1, _schemaTag);
        EventStoreMetrics.AppendCounter.Add(batch.Count, _schemaTag);
        foreach (var pending in batch)
        {
            _committed(pending);
            pending.Done.TrySetResult(pending.Action!.Version);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever is queued still commits; new appends are refused.
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
