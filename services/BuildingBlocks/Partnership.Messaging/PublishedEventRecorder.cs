using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// Writes what the on-commit publisher got confirmed into the published-event log, many events per insert, and
/// forgets what the catch-up has passed in the same transaction (the catch-up used to delete with a commit of its own
/// per batch, about ten a second per service under load). A record that is lost (a crash, a failed insert) only makes
/// the catch-up publish that event again, which consumers drop as a duplicate; a forgetting that is lost is done by the
/// next one, which covers it.
/// </summary>
public sealed class PublishedEventRecorder(IPublishedEventLog log, ILogger<PublishedEventRecorder> logger) : BackgroundService
{
    private const int MaxBatch = 1000;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(200);
    private readonly Channel<(Guid EventId, long Position)> _published =
        Channel.CreateUnbounded<(Guid, long)>(new UnboundedChannelOptions { SingleReader = true });

    // Published but not yet in the log: the catch-up in this process counts these as published too.
    private readonly ConcurrentDictionary<Guid, byte> _unrecorded = new();

    public void Published(RecordedEvent recorded)
    {
        _unrecorded[recorded.EventId] = 0;
        _published.Writer.TryWrite((recorded.EventId, recorded.Position));
    }

    public bool AwaitsRecord(Guid eventId) => _unrecorded.ContainsKey(eventId);

    // The forgetting to do with the next write; a later one covers an earlier (the catch-up only moves forward).
    private PublishedRecordsToForget? _forget;

    /// <summary>Forgets, with the next write (within the linger), the records at or below <paramref name="through"/>.</summary>
    public void Forget(long through, TimeSpan retention)
    {
        Volatile.Write(ref _forget, new PublishedRecordsToForget(through, retention));
        // Wakes the writer when nothing is being published (an empty ID is never an event's).
        _published.Writer.TryWrite((Guid.Empty, through));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Guid, long)>(MaxBatch);
        try
        {
            while (await _published.Reader.WaitToReadAsync(stoppingToken))
            {
                // Each insert is a commit (an fsync): gathering for a moment turns one commit per event under load into
                // a few a second. The catch-up looks only after its grace period, which is far longer.
                await Task.Delay(Linger, stoppingToken);
                await RecordBatch(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // What was confirmed before shutdown is recorded too, so a restart does not publish it again.
        using var flush = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        while (_published.Reader.TryPeek(out _) && !flush.IsCancellationRequested)
            await RecordBatch(batch, flush.Token);
    }

    private async Task RecordBatch(List<(Guid, long)> batch, CancellationToken ct)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _published.Reader.TryRead(out var item))
            if (item.Item1 != Guid.Empty) batch.Add(item);
        var forget = Interlocked.Exchange(ref _forget, null);
        if (batch.Count == 0 && forget is null) return;
        try
        {
            await log.Record(batch, forget, ct);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record {Count} published events; the catch-up will publish them again", batch.Count);
            // Unless a later one came meanwhile, which covers it.
            if (forget is not null) Interlocked.CompareExchange(ref _forget, forget, null);
        }
        foreach (var (eventId, _) in batch) _unrecorded.TryRemove(eventId, out _);
    }
}
