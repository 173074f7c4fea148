using Microsoft.Extensions.Options;
using Partnership.Contracts.Events.V1;
using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Messaging.CatchUp;

namespace Partnership.IntegrationTests.CatchUp;

/// <summary>The catch-up's reading rules, on a log held in memory: what is sent, in which order, and where it waits.</summary>
public sealed class IntegrationEventCatchUpTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly Log _log = new();
    private readonly CommitPulse _pulse = new();

    [Fact]
    public async Task Sends_published_events_in_order_skipping_private_ones_and_stops_at_the_settled_position()
    {
        _log.Add(1, Created("c1"));
        _log.Add(2, "private");
        _log.Add(4, Confirmed("c1")); // 3 is a hole: a failed append, given up by the settled position.
        _log.Add(5, Created("c2"));
        _log.Settled = 4;

        using var cancel = new CancellationTokenSource(Bound);
        await using var stream = CatchUp(pageSize: 1).Read(0, AllCustomerExchanges, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal((1L, "partnership.customer-created.v1"), (stream.Current.Position, stream.Current.EventType));
        Assert.Equal(_log.IdAt(1).ToString(), stream.Current.MessageId);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal((4L, "partnership.partnership-confirmed.v1"), (stream.Current.Position, stream.Current.EventType));

        // Position 5 is committed but not settled: it waits until the settled position passes it, then comes.
        var next = stream.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        _log.Settled = 5;
        _pulse.Committed([_log.At(5)]);
        Assert.True(await next.WaitAsync(Bound));
        Assert.Equal(5, stream.Current.Position);
        Assert.Equal("c2", System.Text.Json.Nodes.JsonNode.Parse(stream.Current.PayloadJson)!["customerId"]!.GetValue<string>());
        Assert.Equal("customer", stream.Current.Service);
    }

    [Fact]
    public async Task Only_the_exchanges_asked_for_and_only_after_the_position_given()
    {
        _log.Add(1, Created("c1"));
        _log.Add(2, Confirmed("c1"));
        _log.Add(3, Created("c2"));
        _log.Add(4, Confirmed("c2"));
        _log.Settled = 4;

        using var cancel = new CancellationTokenSource(Bound);
        var sent = new List<IntegrationEventEnvelope>();
        await foreach (var envelope in CatchUp(pageSize: 2).Read(1, new HashSet<string> { "partnership.partnership-confirmed.v1" }, cancel.Token))
        {
            sent.Add(envelope);
            if (envelope.Position == 4) break;
        }
        Assert.Equal([2L, 4L], sent.Select(e => e.Position));
    }

    [Fact]
    public async Task An_event_the_mapper_throws_on_ends_the_stream_with_failed_precondition_instead_of_skipping_it()
    {
        _log.Add(1, "throws");
        _log.Settled = 1;
        using var cancel = new CancellationTokenSource(Bound);
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
        {
            await foreach (var _ in CatchUp(pageSize: 10).Read(0, AllCustomerExchanges, cancel.Token)) { }
        });
        Assert.Equal(DomainErrorKind.FailedPrecondition, refused.Kind);
        Assert.Contains("position 1", refused.Message);
    }

    private static readonly IReadOnlySet<string> AllCustomerExchanges = IntegrationEventPublishers.ExchangesOf("customer").ToHashSet();

    private IntegrationEventCatchUp CatchUp(int pageSize) => new(_log, _log, new Mapper(), _pulse,
        new CatchUpSource("customer", AllCustomerExchanges.ToList()),
        Options.Create(new CatchUpOptions { PageSize = pageSize, ReadEvery = TimeSpan.FromMinutes(10) }));

    private static CustomerCreatedIntegrationEvent Created(string id) => new(id, "p", "c", "Acme", "a@example.com", DateTimeOffset.UnixEpoch);
    private static PartnershipConfirmedIntegrationEvent Confirmed(string id) => new(id, "p", "c", "dn2", DateTimeOffset.UnixEpoch);

    private sealed class Mapper : IIntegrationEventMapper
    {
        public object? Map(RecordedEvent recorded) => recorded.Data switch
        {
            "throws" => throw new InvalidOperationException("no mapping"),
            string => null,
            var contract => contract,
        };
    }

    /// <summary>A store-wide log with chosen positions (holes included) and a settled position the test moves.</summary>
    private sealed class Log : IEventStore, ISubscriptionControl
    {
        private readonly List<RecordedEvent> _events = [];
        public long Settled { get; set; }

        public void Add(long position, object data) =>
            _events.Add(new RecordedEvent(Guid.NewGuid(), "s-" + position, 1, position, data.GetType().Name, data, DateTimeOffset.UnixEpoch, null));

        public RecordedEvent At(long position) => _events.Single(e => e.Position == position);
        public Guid IdAt(long position) => At(position).EventId;

        public Task<IReadOnlyList<RecordedEvent>> ReadAllForward(long afterPosition, int maxCount, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<RecordedEvent>>(_events.Where(e => e.Position > afterPosition).Take(maxCount).ToList());

        public Task<long> SettledPosition(CancellationToken ct) => Task.FromResult(Settled);
        public Task<long> Head(CancellationToken ct) => Task.FromResult(_events.Max(e => e.Position));

        public Task<long> AppendToStream(string streamId, ExpectedVersion expected, IReadOnlyList<object> events, CancellationToken ct) =>
            throw new NotSupportedException();
        public Task<StreamEvents> ReadStream(string streamId, CancellationToken ct) => throw new NotSupportedException();
        public Task<long> Checkpoint(string subscriptionName, CancellationToken ct) => throw new NotSupportedException();
    }
}
