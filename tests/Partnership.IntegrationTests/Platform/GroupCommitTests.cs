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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stale_append_in_a_batch_fails_alone_and_the_others_commit(bool checkVersionsFirst)
    {
        await using var store = await Store.Start(infra, linger: OneBatch, checkVersionsFirst: checkVersionsFirst);
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
        if (checkVersionsFirst)
        {
            // Turned away before the commit: the other four shared one transaction, and no sequence number was burned.
            Assert.Equal(1, store.Commits - commitsBefore);
            Assert.Equal(0, await store.SequenceHoles());
        }
        else
        {
            // The shared commit failed on the conflict; the appends were retried alone.
            Assert.Equal(4, store.Commits - commitsBefore);
        }
    }

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
        private readonly string _schema = $"gc{Guid.NewGuid():N}"[..12];
        private readonly string _database;
        private long _commits, _appends;

        private Store(string database, int? maxBatch, TimeSpan? linger, bool checkVersionsFirst)
        {
            _database = database;
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["ConnectionStrings:postgres"] = database;
            if (maxBatch is { } max) builder.Configuration["EventStore:GroupCommit:MaxBatch"] = max.ToString();
            if (linger is { } l) builder.Configuration["EventStore:GroupCommit:Linger"] = l.ToString();
            builder.Configuration["EventStore:GroupCommit:CheckVersionsFirst"] = checkVersionsFirst.ToString();
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

        public static async Task<Store> Start(TestInfrastructure infra, int? maxBatch = null, TimeSpan? linger = null, bool checkVersionsFirst = true)
        {
            var store = new Store(await infra.CreateDatabase("groupcommit"), maxBatch, linger, checkVersionsFirst);
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
