using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// Streams whose delivery stopped at an event this build cannot deliver (an unknown type, a mapping that throws).
/// Nothing later on such a stream is published, so its consumers never see a hole in it; other streams go on. Each
/// parked stream is logged as an error, kept in the store (<see cref="IParkedStreamLog"/>) and makes /health
/// Unhealthy; <see cref="ParkedStreamResumer"/> retries them when the service starts, that is once a fixed build runs.
/// </summary>
public sealed class StreamParking(IParkedStreamLog log, ILogger<StreamParking> logger)
{
    private readonly ConcurrentDictionary<string, (ParkedStream Parked, bool Persisted)> _parked = new();
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Store => log.Store;

    public IReadOnlyList<ParkedStream> Parked => _parked.Values.Select(p => p.Parked).OrderBy(p => p.Position).ToList();

    public bool IsParked(string streamId) => _parked.ContainsKey(streamId);

    /// <summary>Completes once the streams parked before this start were retried; the catch-up waits for it.</summary>
    public Task Resumed => _resumed.Task;

    internal void MarkResumed() => _resumed.TrySetResult();

    /// <summary>Parks at once in this process (the on-commit path); the catch-up keeps it in the store when it gets there.</summary>
    public void ParkHere(ParkedStream parked)
    {
        if (_parked.TryAdd(parked.StreamId, (parked, false))) LogParked(parked);
    }

    /// <summary>Parks and keeps it in the store, so the next start retries it.</summary>
    public async Task Park(ParkedStream parked, CancellationToken ct)
    {
        var added = _parked.TryAdd(parked.StreamId, (parked, false));
        if (added) LogParked(parked);
        await Persist(_parked[parked.StreamId].Parked, ct);
    }

    /// <summary>Keeps a stream parked only in this process in the store too.</summary>
    public async Task EnsurePersisted(string streamId, CancellationToken ct)
    {
        if (_parked.TryGetValue(streamId, out var entry) && !entry.Persisted) await Persist(entry.Parked, ct);
    }

    internal void StillParked(ParkedStream parked) => _parked[parked.StreamId] = (parked, true);

    internal void Released(string streamId) => _parked.TryRemove(streamId, out _);

    private async Task Persist(ParkedStream parked, CancellationToken ct)
    {
        await log.Park(parked, ct);
        _parked[parked.StreamId] = (parked, true);
    }

    private void LogParked(ParkedStream parked) => logger.LogError(
        "Delivery of stream {StreamId} in store {Store} is parked at position {Position} ({EventType}): {Reason}. Nothing later on " +
        "this stream is published until a build that can deliver it starts; other streams go on.",
        parked.StreamId, log.Store, parked.Position, parked.EventType, parked.Reason);
}
