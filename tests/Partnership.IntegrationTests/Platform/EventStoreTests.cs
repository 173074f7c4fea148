using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

[Collection(InfrastructureCollection.Name)]
public sealed class EventStoreTests(TestInfrastructure infra) : IAsyncLifetime
{
    private IHost _host = null!;
    private IEventStore _store = null!;
    private readonly CapturingListener _listener = new();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = await infra.CreateDatabase("store");
        builder.AddEventStore("store", TestEventTypes.Registry());
        builder.Services.AddSingleton<ICommitListener>(_listener);
        _host = builder.Build();
        _store = _host.Services.GetRequiredService<IEventStore>();
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Commit_listeners_are_told_the_events_as_stored_with_the_appending_trace()
    {
        using var request = new System.Diagnostics.Activity("request").Start();
        await _store.AppendToStream("thing-told", ExpectedVersion.NoStream, [new ThingHappened("t", 1), new ThingHappened("t", 2)], default);
        var stored = (await _store.ReadStream("thing-told", default)).Events;
        var told = Assert.Single(_listener.Commits);
        Assert.Equal(stored.Select(e => (e.EventId, e.StreamId, e.StreamVersion, e.Position, e.EventType)),
            told.Select(e => (e.EventId, e.StreamId, e.StreamVersion, e.Position, e.EventType)));
        Assert.All(told, e => Assert.Equal(request.Id, e.TraceParent));
        Assert.All(told, e => Assert.True(e.Position > 0));
    }

    [Fact]
    public async Task A_rejected_append_tells_the_commit_listeners_nothing()
    {
        await _store.AppendToStream("thing-untold", ExpectedVersion.NoStream, [new ThingHappened("u", 1)], default);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _store.AppendToStream("thing-untold", ExpectedVersion.NoStream, [new ThingHappened("u", 2)], default));
        Assert.Single(_listener.Commits);
    }

    [Fact]
    public async Task A_read_after_a_version_returns_only_the_later_events_and_the_stream_version()
    {
        await _store.AppendToStream("thing-after", ExpectedVersion.NoStream, [new ThingHappened("a", 1), new ThingHappened("a", 2)], default);
        await _store.AppendToStream("thing-after", new ExpectedVersion(2), [new ThingHappened("a", 3)], default);

        var after1 = await _store.ReadStreamAfter("thing-after", 1, default);
        Assert.Equal([2L, 3L], after1.Events.Select(e => e.StreamVersion));
        Assert.Equal([2, 3], after1.Events.Select(e => ((ThingHappened)e.Data).Number));
        Assert.Equal(3, after1.Version);
        var none = await _store.ReadStreamAfter("thing-after", 3, default);
        Assert.Empty(none.Events);
        Assert.Equal(3, none.Version);
        Assert.Equal(0, (await _store.ReadStreamAfter("thing-never", 0, default)).Version);
    }

    private sealed class CapturingListener : ICommitListener
    {
        public System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<RecordedEvent>> Commits { get; } = new();
        public void Committed(IReadOnlyList<RecordedEvent> events) => Commits.Enqueue(events);
    }

    [Fact]
    public async Task Appends_and_reads_a_stream_in_order_with_versions()
    {
        var v1 = await _store.AppendToStream("thing-1", ExpectedVersion.NoStream, [new ThingHappened("1", 1), new ThingHappened("1", 2)], default);
        var v2 = await _store.AppendToStream("thing-1", ExpectedVersion.Exactly(2), [new ThingHappened("1", 3)], default);
        var stream = await _store.ReadStream("thing-1", default);
        Assert.Equal((2, 3), (v1, v2));
        Assert.Equal([1, 2, 3], stream.Events.Select(e => ((ThingHappened)e.Data).Number));
        Assert.Equal([1L, 2, 3], stream.Events.Select(e => e.StreamVersion));
        Assert.Equal("test.thing-happened.v1", stream.Events[0].EventType);
    }

    [Fact]
    public async Task An_append_with_a_stale_expected_version_is_rejected_and_writes_nothing()
    {
        await _store.AppendToStream("thing-2", ExpectedVersion.NoStream, [new ThingHappened("2", 1)], default);
        await _store.AppendToStream("thing-2", ExpectedVersion.Exactly(1), [new ThingHappened("2", 2)], default);
        var before = await _store.ReadAllForward(0, 1000, default);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _store.AppendToStream("thing-2", ExpectedVersion.Exactly(1), [new ThingHappened("2", 99), new ThingHappened("2", 100)], default));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _store.AppendToStream("thing-2", ExpectedVersion.NoStream, [new ThingHappened("2", 99)], default));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _store.AppendToStream("thing-2", ExpectedVersion.Exactly(7), [new ThingHappened("2", 99)], default));

        var stream = await _store.ReadStream("thing-2", default);
        Assert.Equal(2, stream.Version);
        Assert.DoesNotContain(stream.Events, e => ((ThingHappened)e.Data).Number >= 99);
        Assert.Equal(before.Count, (await _store.ReadAllForward(0, 1000, default)).Count);
    }

    [Fact]
    public async Task A_missing_stream_reads_as_version_zero() =>
        Assert.Equal(0, (await _store.ReadStream("never-written", default)).Version);

    [Fact]
    public async Task Reads_all_forward_from_a_position()
    {
        await _store.AppendToStream("thing-a", ExpectedVersion.NoStream, [new ThingHappened("a", 1)], default);
        await _store.AppendToStream("thing-b", ExpectedVersion.NoStream, [new ThingHappened("b", 1)], default);
        var all = await _store.ReadAllForward(0, 1000, default);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        var after = await _store.ReadAllForward(all[0].Position, 1000, default);
        Assert.Equal(all.Skip(1).Select(e => e.EventId), after.Select(e => e.EventId));
    }
}
