using System.Diagnostics;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// Group commit: concurrent appends queue here and one writer commits up to MaxBatch of them in one transaction, one
/// statement (<see cref="BatchAppend"/>). Each caller is answered only after that commit, with its own stream version.
/// Versions are checked per stream: a stale append fails its caller alone and the rest of the batch commits.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitOptions _options;
    private readonly Action<PendingAppend> _committed;
    private readonly KeyValuePair<string, object?> _schemaTag;
    private readonly BatchAppend _append;
    private readonly string _notifySql;
    private readonly Func<bool> _tellCommits;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // Appends that could not join the last batch (it was full, or already held their stream), oldest first.
    private readonly List<PendingAppend> _held = [];
    private bool _eventTablesExist;

    public GroupCommitWriter(IDocumentStore store, NpgsqlDataSource dataSource, GroupCommitOptions options, Action<PendingAppend> committed,
        Func<bool> tellCommits, ILogger logger)
    {
        (_store, _dataSource, _options, _committed, _tellCommits) = (store, dataSource, options, committed, tellCommits);
        var schema = store.Options.Events.DatabaseSchemaName;
        _schemaTag = new(EventStoreMetrics.SchemaTag, schema);
        _append = new BatchAppend(store, schema);
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
            if (batch.Count > 0) await Commit(batch);
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
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending)) Offer(pending);
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), lingerUntil);
        if (batch.Count > 0 && batch.Count < _options.MaxBatch && left > TimeSpan.Zero)
        {
            // The linger is waited out whole (rounded up to the timer's millisecond), then whatever came meanwhile joins
            // the batch. A wait for the queue that a timeout cancelled ended in an OperationCanceledException thrown
            // inside the runtime at nearly every batch under load (about 1 % of a service's CPU).
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)));
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending)) Offer(pending);
        }
        _held.AddRange(stillHeld);
        return batch;
    }

    private async Task Commit(List<PendingAppend> batch)
    {
        IReadOnlyList<RecordedEvent>?[] committed;
        // The commit's database spans join the first caller's trace rather than starting a trace of their own.
        var previous = Activity.Current;
        Activity.Current = Running(batch[0].Activity);
        try
        {
            if (!_eventTablesExist)
            {
                // Marten creates its tables on first use; this statement may come before any Marten call has.
                await _store.Storage.Database.EnsureStorageExistsAsync(typeof(IEvent), CancellationToken.None);
                _eventTablesExist = true;
            }
            committed = await _append.Commit(_dataSource, batch, _tellCommits() ? _notifySql : null);
        }
        catch (Exception e)
        {
            // The database is down or refused the transaction: nothing of the batch was written; every caller retries.
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        finally
        {
            Activity.Current = Running(previous);
        }
        EventStoreMetrics.CommitCounter.Add(1, _schemaTag);
        EventStoreMetrics.AppendCounter.Add(committed.Count(c => c is not null), _schemaTag);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (committed[i] is not { } events)
            {
                // Its stream was not at the expected version: it alone fails, before it took a sequence number.
                pending.Done.TrySetException(new WrongExpectedVersionException(pending.StreamId, pending.Expected));
                continue;
            }
            pending.Recorded = events;
            _committed(pending);
            pending.Done.TrySetResult(events[^1].StreamVersion);
        }
    }

    // Setting Activity.Current to an activity that has stopped (a caller that gave up) changes nothing but throws and
    // catches an exception inside DiagnosticSource to report it.
    private static Activity? Running(Activity? activity) => activity is { IsStopped: false } ? activity : null;

    public async ValueTask DisposeAsync()
    {
        // Whatever is queued still commits; new appends are refused.
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
