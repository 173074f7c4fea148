using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MassTransit.Serialization;
using Microsoft.Extensions.Options;
using Partnership.Contracts.Events.V1;
using Partnership.EventSourcing;

namespace Partnership.Messaging.CatchUp;

/// <summary>The service that owns the store, and the exchanges it publishes (what Subscribe may name).</summary>
public sealed record CatchUpSource(string Service, IReadOnlyCollection<string> Exchanges);

/// <summary>
/// Reads the store's log forward from a position and turns each event into what the broker carried, through the same
/// mapper the publisher uses (so the payload cannot drift), then follows new commits. Only the settled part of the log
/// is read (<see cref="ISubscriptionControl.SettledPosition"/>): an append still in flight below a later commit is waited
/// for, never skipped, so the switch from history to live leaves no gap.
/// </summary>
public sealed class IntegrationEventCatchUp(IEventStore store, ISubscriptionControl control, IIntegrationEventMapper mapper,
    CommitPulse pulse, CatchUpSource source, IOptions<CatchUpOptions> options)
{
    // While this process has committed past the settled position, the daemon's high-water mark follows within its fast
    // polling; looking again this often meanwhile keeps live events prompt. Bounded, so a stopped daemon costs no busy loop.
    private static readonly TimeSpan SettlingPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SettlingFor = TimeSpan.FromSeconds(3);

    public async IAsyncEnumerable<IntegrationEventEnvelope> Read(long fromPosition, IReadOnlySet<string> exchanges,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var settings = options.Value;
        var pageSize = Math.Clamp(settings.PageSize, 1, 1000);
        var last = fromPosition;
        var sinceCommit = Stopwatch.StartNew();
        while (true)
        {
            var woken = pulse.Next;
            var settled = await control.SettledPosition(ct);
            if (settled > last)
            {
                var page = await store.ReadAllForward(last, pageSize, ct);
                var next = last;
                foreach (var recorded in page)
                {
                    if (recorded.Position > settled) break;
                    foreach (var envelope in Envelopes(recorded, exchanges)) yield return envelope;
                    next = recorded.Position;
                }
                if (next > last) last = next;
                // Only failed appends' tombstones (which the store leaves out) in the first pageSize rows: no event up to there.
                else if (page.Count == 0) last = Math.Min(settled, last + pageSize);
                // The first event is past the settled position: nothing in between.
                else last = settled;
                continue;
            }
            var committedAhead = pulse.LastCommitted > settled;
            var wait = committedAhead && sinceCommit.Elapsed < SettlingFor ? SettlingPoll : settings.ReadEvery;
            await Task.WhenAny(woken, Task.Delay(wait, ct));
            ct.ThrowIfCancellationRequested();
            if (woken.IsCompleted) sinceCommit.Restart();
        }
    }

    /// <summary>
    /// The event as the broker carries it on each exchange asked for: none when it is not published, one per version
    /// when it goes out on several (same position and message ID, oldest version first, as they are published).
    /// </summary>
    private IEnumerable<IntegrationEventEnvelope> Envelopes(RecordedEvent recorded, IReadOnlySet<string> exchanges)
    {
        var message = Map(recorded);
        if (message is null) return [];
        return mapper.Editions(message)
            .Select(edition => (Message: edition, Exchange: IntegrationEventPublishers.ExchangeOf(edition.GetType())))
            .Where(e => e.Exchange is not null && exchanges.Contains(e.Exchange))
            .Select(e => Envelope(recorded, e.Message, e.Exchange!))
            .ToList();
    }

    private IntegrationEventEnvelope Envelope(RecordedEvent recorded, object message, string exchange) =>
        new()
        {
            Position = recorded.Position,
            MessageId = recorded.EventId.ToString(),
            EventType = exchange,
            RecordedAt = Timestamp.FromDateTimeOffset(recorded.Timestamp),
            // MassTransit's own serializer settings: the same JSON as the "message" of the envelope it publishes.
            PayloadJson = JsonSerializer.Serialize(message, message.GetType(), SystemTextJsonMessageSerializer.Options),
            Service = source.Service,
        };

    // What the forwarder parks (an event this build cannot read or map) is not published on the broker either; the stream
    // stops there loudly instead of skipping it, and the subscriber resumes from the position before it once it is fixed.
    private object? Map(RecordedEvent recorded)
    {
        if (recorded.Data is UnreadableEvent unreadable) throw Undeliverable(recorded, unreadable.Why);
        try
        {
            return mapper.Map(recorded);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Undeliverable(recorded, $"mapping failed: {e.Message}");
        }
    }

    private static DomainException Undeliverable(RecordedEvent recorded, string why) => DomainException.Precondition(
        $"The event at position {recorded.Position} (stream {recorded.StreamId}) cannot be delivered by this build ({why}); " +
        $"its stream's delivery is parked (see /health). Subscribe again from {recorded.Position - 1} once it is fixed.");
}
