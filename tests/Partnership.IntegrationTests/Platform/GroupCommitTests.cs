using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// Group commit against real PostgreSQL: concurrent appends share transactions, each caller gets its own version,
/// a stale append fails alone, a database error fails its whole batch. Tests that need one batch for sure give the
/// batch a long linger, so appends started together cannot be split by timing.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class GroupCommitTests(TestInfrastructure infra, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan OneBatch = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Many_concurrent_appends_to_different_streams_commit_in_fewer_transactions_with_their_own_versions_and_traces()
    {
        await using var store = await Store.Start(infra);
        const int streams = 100, appendsEach = 3;
        var traces = new ConcurrentDictionary<string, string>();
        var versions = await Task.WhenAll(Enumerable.Range(0, streams).Select(i => Task.Run(async () =>
        {
            var streamId = $"thing-{i}";
            using var request = new Activity("request").Start();
            traces[streamId] = request.Id!;
            var returned = new List<long>();
            for (var n = 1; n <= appendsEach; n++)
                returned.Add(await store.Events.AppendToStream(streamId, new ExpectedVersion(n - 1), [new ThingHappened(streamId, n)], default));
            return returned;
        })));

        Assert.All(versions, v => Assert.Equal([1L, 2, 3], v));
        for (var i = 0; i < streams; i++)
        {
            var stream = await store.Events.ReadStream($"thing-{i}", default);
            Assert.Equal([1, 2, 3], stream.Events.Select(e => ((ThingHappened)e.Data).Number));
            Assert.Equal([1L, 2, 3], stream.Events.Select(e => e.StreamVersion));
            Assert.All(stream.Events, e => Assert.Equal(traces[$"thing-{i}"], e.TraceParent));
        }
        Assert.Equal(streams * appendsEach, store.Appends);
        output.WriteLine($"{store.Commits} commits for {store.Appends} appends");
        Assert.True(store.Commits < store.Appends, $"{store.Commits} commits for {store.Appends} appends: nothing was grouped");
        Assert.Equal(0, await store.SequenceHoles());
        // Told after each commit, append by append, in commit order.
        var told = store.Listener.Commits.ToList();
        Assert.Equal(streams * appendsEach, told.Count);
        Assert.True(told.SelectMany(c => c).Zip(told.SelectMany(c => c).Skip(1)).All(p => p.First.Position < p.Second.Position));
    }

    [Fact]
    public async Task A_stale_append_in_a_batch_fails_alone_and_the_others_commit_in_the_same_transaction()
    {
        await using var store = await Store.Start(infra, linger: OneBatch);
        var ids = Enumerable.Range(0, 5).Select(i => $"thing-{i}").ToArray();
        await Task.WhenAll(ids.Select(id => store.Events.AppendToStream(id, ExpectedVersion.NoStream, [new ThingHappened(id, 1)], default)));
        var commitsBefore = store.Commits;

        var appends = ids.Select((id, i) => store.Events.AppendToStream(id, i == 2 ? ExpectedVersion.Exactly(7) : ExpectedVersion.Exactly(1),
            [new ThingHappened(id, 2)], default)).ToArray();
        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => appends[2]);

        Assert.Equal("thing-2", conflict.StreamId);
        var others = await Task.WhenAll(appends.Where((_, i) => i != 2));
        Assert.Equal([2L, 2, 2, 2], others);
        Assert.Equal(1, (await store.Events.ReadStream("thing-2", default)).Version);
        Assert.DoesNotContain(store.Listener.Commits.SelectMany(c => c), e => e.StreamId == "thing-2" && e.StreamVersion == 2);
        // Turned away by the commit's own statement: the other four shared one transaction, and no sequence number was burned.
        Assert.Equal(1, store.Commits - commitsBefore);
        Assert.Equal(0, await store.SequenceHoles());
    }

    [Fact]
    public async Task A_batch_of_new_existing_and_unchecked_streams_stores_each_streams_events_in_order_as_Marten_reads_them()
    {
        await using var store = await Store.Start(infra, linger: OneBatch);
        await store.Events.AppendToStream("thing-old", ExpectedVersion.NoStream, [new ThingHappened("old", 1)], default);
        await store.Events.AppendToStream("thing-any-old", ExpectedVersion.NoStream, [new ThingHappened("any-old", 1)], default);
        var commitsBefore = store.Commits;
        using var request = new Activity("request").Start();

        // Streams whose IDs sort apart from the order they are appended in, three events each.
        var appends = new[]
        {
            store.Events.AppendToStream("thing-z-new", ExpectedVersion.NoStream, Three("z-new"), default),
            store.Events.AppendToStream("thing-old", ExpectedVersion.Exactly(1), Three("old", from: 2), default),
            store.Events.AppendToStream("thing-a-any-new", ExpectedVersion.Any, Three("a-any-new"), default),
            store.Events.AppendToStream("thing-any-old", ExpectedVersion.Any, Three("any-old", from: 2), default),
            store.Events.AppendToStream("thing-m-zero", ExpectedVersion.Exactly(0), Three("m-zero"), default),
        };

        var versions = await Task.WhenAll(appends);
        Assert.Equal([3L, 4, 3, 4, 3], versions);
        Assert.Equal(1, store.Commits - commitsBefore);
        foreach (var (stream, first) in new[] { ("thing-z-new", 1), ("thing-old", 1), ("thing-a-any-new", 1), ("thing-any-old", 1), ("thing-m-zero", 1) })
        {
            var read = await store.Events.ReadStream(stream, default);
            Assert.Equal(Enumerable.Range(first, read.Events.Count).Select(v => (long)v), read.Events.Select(e => e.StreamVersion));
            Assert.Equal(Enumerable.Range(first, read.Events.Count), read.Events.Select(e => ((ThingHappened)e.Data).Number));
            Assert.True(read.Events.Zip(read.Events.Skip(1)).All(p => p.First.Position < p.Second.Position), $"{stream}: positions out of order");
            Assert.All(read.Events.Where(e => e.StreamVersion > 1 || stream is not ("thing-old" or "thing-any-old")),
                e => Assert.Equal(request.Id, e.TraceParent));
            Assert.All(read.Events, e => Assert.Equal("test.thing-happened.v1", e.EventType));
        }
        // The listeners were told what was stored: the same IDs, positions and versions as a read finds, in the batch's order.
        var told = store.Listener.Commits.Skip(2).SelectMany(c => c).ToList();
        var all = await store.Events.ReadAllForward(0, 100, default);
        Assert.Equal(all.Skip(2).Select(e => (e.EventId, e.Position, e.StreamId, e.StreamVersion)),
            told.Select(e => (e.EventId, e.Position, e.StreamId, e.StreamVersion)));
        Assert.Equal(0, await store.SequenceHoles());
    }

    [Fact]
    public async Task Two_stores_on_one_schema_appending_at_one_version_commit_exactly_one()
    {
        await using var first = await Store.Start(infra, linger: OneBatch);
        await using var second = await Store.Start(infra, linger: OneBatch, sharing: first);
        await first.Events.AppendToStream("thing-shared", ExpectedVersion.NoStream, [new ThingHappened("shared", 1)], default);

        // Each store's batch also holds other streams, which commit whoever wins the shared one.
        var fromFirst = new[] { "thing-shared", "thing-1a", "thing-1b" }.Select(id =>
            Outcome(first.Events.AppendToStream(id, id == "thing-shared" ? ExpectedVersion.Exactly(1) : ExpectedVersion.NoStream, [new ThingHappened(id, 2)], default)));
        var fromSecond = new[] { "thing-shared", "thing-2a", "thing-2b" }.Select(id =>
            Outcome(second.Events.AppendToStream(id, id == "thing-shared" ? ExpectedVersion.Exactly(1) : ExpectedVersion.NoStream, [new ThingHappened(id, 3)], default)));
        var outcomes = await Task.WhenAll(fromFirst.Concat(fromSecond));

        Assert.Equal(["1", "1", "1", "1"], outcomes.Where((_, i) => i % 3 != 0));
        Assert.Equal(1, new[] { outcomes[0], outcomes[3] }.Count(o => o == "2"));
        Assert.Equal(1, new[] { outcomes[0], outcomes[3] }.Count(o => o == "conflict"));
        Assert.Equal(2, (await first.Events.ReadStream("thing-shared", default)).Version);
        Assert.Equal(0, await first.SequenceHoles());
    }

    private static async Task<string> Outcome(Task<long> append)
    {
        try
        {
            return (await append).ToString();
        }
        catch (WrongExpectedVersionException)
        {
            return "conflict";
        }
    }

    private static object[] Three(string thing, int from = 1) => [.. Enumerable.Range(from, 3).Select(n => new ThingHappened(thing, n))];

    [Fact]
    public async Task A_database_error_fails_every_append_of_its_batch_and_the_store_keeps_working()
    {
        await using var store = await Store.Start(infra, linger: OneBatch);
        await store.Events.AppendToStream("thing-setup", ExpectedVersion.NoStream, [new ThingHappened("setup", 1)], default);
        await store.Sql("""
            create function store_test_refuse() returns trigger language plpgsql as $$
            begin
              if new.data->>'Number' = '666' or new.data->>'number' = '666' then raise exception 'refused by test'; end if;
              return new;
            end $$;
            create trigger refuse before insert on {schema}.mt_events for each row execute function store_test_refuse();
            """);

        var appends = Enumerable.Range(0, 5).Select(i => store.Events.AppendToStream($"thing-{i}", ExpectedVersion.NoStream,
            [new ThingHappened($"thing-{i}", i == 3 ? 666 : 1)], default)).ToArray();

        foreach (var append in appends)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => append);
            Assert.IsNotType<WrongExpectedVersionException>(error);
            Assert.Contains(Chain(error), e => e is PostgresException { SqlState: "P0001" });
        }
        for (var i = 0; i < 5; i++) Assert.Equal(0, (await store.Events.ReadStream($"thing-{i}", default)).Version);
        Assert.Equal(1, await store.Events.AppendToStream("thing-after", ExpectedVersion.NoStream, [new ThingHappened("after", 1)], default));
    }

    [Fact]
    public async Task Two_appends_to_one_stream_never_share_a_transaction_and_both_commit_in_order()
    {
        await using var store = await Store.Start(infra, linger: OneBatch);
        var first = store.Events.AppendToStream("thing-twice", ExpectedVersion.NoStream, [new ThingHappened("twice", 1)], default);
        var second = store.Events.AppendToStream("thing-twice", ExpectedVersion.Exactly(1), [new ThingHappened("twice", 2)], default);
        var other = store.Events.AppendToStream("thing-other", ExpectedVersion.NoStream, [new ThingHappened("other", 1)], default);

        var versions = await Task.WhenAll(first, second, other);
        Assert.Equal([1L, 2, 1], versions);
        Assert.Equal(2, store.Commits);
        Assert.Equal([1, 2], (await store.Events.ReadStream("thing-twice", default)).Events.Select(e => ((ThingHappened)e.Data).Number));
    }

    [Fact]
    public async Task A_lone_stale_append_is_refused_without_burning_a_sequence_number()
    {
        await using var store = await Store.Start(infra, maxBatch: 1);
        await store.Events.AppendToStream("thing-lone", ExpectedVersion.NoStream, [new ThingHappened("thing-lone", 1)], default);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.Events.AppendToStream("thing-lone", ExpectedVersion.Exactly(5), [new ThingHappened("thing-lone", 2), new ThingHappened("thing-lone", 3)], default));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.Events.AppendToStream("thing-lone", ExpectedVersion.NoStream, [new ThingHappened("thing-lone", 4)], default));
        await store.Events.AppendToStream("thing-lone", ExpectedVersion.Exactly(1), [new ThingHappened("thing-lone", 5)], default);

        Assert.Equal(0, await store.SequenceHoles());
        Assert.Equal([1, 5], (await store.Events.ReadStream("thing-lone", default)).Events.Select(e => ((ThingHappened)e.Data).Number));
    }

    [Fact]
    public async Task With_a_max_batch_of_one_every_append_commits_alone()
    {
        await using var store = await Store.Start(infra, maxBatch: 1);
        var versions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            store.Events.AppendToStream($"thing-{i}", ExpectedVersion.NoStream, [new ThingHappened($"thing-{i}", 1), new ThingHappened($"thing-{i}", 2)], default)));

        Assert.All(versions, v => Assert.Equal(2, v));
        Assert.Equal((20L, 20L), (store.Commits, store.Appends));
    }

    [Fact]
    public async Task An_append_cancelled_while_queued_is_never_written_and_does_not_disturb_the_others()
    {
        await using var store = await Store.Start(infra, maxBatch: 1, linger: TimeSpan.Zero);
        await store.Events.AppendToStream("thing-setup", ExpectedVersion.NoStream, [new ThingHappened("setup", 1)], default);
        // A slow commit keeps the writer busy while the next appends wait in the queue.
        await store.Sql("""
            create function store_test_slow() returns trigger language plpgsql as $$
            begin
              if new.data->>'Number' = '555' or new.data->>'number' = '555' then perform pg_sleep(1); end if;
              return new;
            end $$;
            create trigger slow before insert on {schema}.mt_events for each row execute function store_test_slow();
            """);
        var slow = store.Events.AppendToStream("thing-slow", ExpectedVersion.NoStream, [new ThingHappened("slow", 555)], default);
        using var giveUp = new CancellationTokenSource();
        var cancelled = store.Events.AppendToStream("thing-cancelled", ExpectedVersion.NoStream, [new ThingHappened("cancelled", 1)], giveUp.Token);
        var kept = store.Events.AppendToStream("thing-kept", ExpectedVersion.NoStream, [new ThingHappened("kept", 1)], default);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(slow.IsCompleted, "the cancelled append should have been queued behind the slow commit");
        Assert.Equal((1L, 1L), (await slow, await kept));
        Assert.Equal(0, (await store.Events.ReadStream("thing-cancelled", default)).Version);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>A store in its own database and schema, with its commit and append counters.</summary>
    private sealed class Store : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly MeterListener _meters = new();
        private readonly string _schema;
        private readonly string _database;
        private long _commits, _appends;

        private Store(string database, string schema, int? maxBatch, TimeSpan? linger)
        {
            (_database, _schema) = (database, schema);
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["ConnectionStrings:postgres"] = database;
            if (maxBatch is { } max) builder.Configuration["EventStore:GroupCommit:MaxBatch"] = max.ToString();
            if (linger is { } l) builder.Configuration["EventStore:GroupCommit:Linger"] = l.ToString();
            builder.AddEventStore(_schema, TestEventTypes.Registry());
            builder.Services.AddSingleton<ICommitListener>(Listener);
            _host = builder.Build();
            Events = _host.Services.GetRequiredService<IEventStore>();
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EventStoreMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag is { Key: EventStoreMetrics.SchemaTag, Value: string s } && s == _schema)
                        Interlocked.Add(ref instrument.Name == EventStoreMetrics.Commits ? ref _commits : ref _appends, value);
            });
            _meters.Start();
        }

        /// <param name="sharing">Another store whose database and schema this one writes too, as a second replica does.</param>
        public static async Task<Store> Start(TestInfrastructure infra, int? maxBatch = null, TimeSpan? linger = null, Store? sharing = null)
        {
            var store = sharing is null
                ? new Store(await infra.CreateDatabase("groupcommit"), $"gc{Guid.NewGuid():N}"[..12], maxBatch, linger)
                : new Store(sharing._database, sharing._schema, maxBatch, linger);
            await store._host.StartAsync();
            return store;
        }

        public IEventStore Events { get; }
        public CapturingListener Listener { get; } = new();
        public long Commits => Interlocked.Read(ref _commits);
        public long Appends => Interlocked.Read(ref _appends);

        public async Task<long> SequenceHoles()
        {
            await using var connection = new NpgsqlConnection(_database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) - count(*) from {_schema}.mt_events", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async Task Sql(string sql)
        {
            await using var connection = new NpgsqlConnection(_database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql.Replace("{schema}", _schema), connection);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _meters.Dispose();
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    public sealed class CapturingListener : ICommitListener
    {
        public ConcurrentQueue<IReadOnlyList<RecordedEvent>> Commits { get; } = new();
        public void Committed(IReadOnlyList<RecordedEvent> events) => Commits.Enqueue(events);
    }
}
