using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;

namespace Partnership.IntegrationTests.CatchUp;

/// <summary>
/// A catch-up (a safety net) takes its events in about one batch per gap while commits keep coming, instead of one
/// batch per daemon wake-up; a lone commit, and a full batch, are taken without waiting.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CatchUpPacingTests(TestInfrastructure infra)
{
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(1);

    [Fact]
    public void The_first_batch_after_a_quiet_spell_is_not_held()
    {
        var pacing = new CatchUpPacing(Gap, new FakeTimeProvider());

        Assert.Equal(TimeSpan.Zero, pacing.HoldFor(batchSize: 3, batchLimit: 1000));
    }

    [Fact]
    public void A_batch_that_follows_the_last_within_the_gap_is_held_for_the_rest_of_it()
    {
        var clock = new FakeTimeProvider();
        var pacing = new CatchUpPacing(Gap, clock);
        pacing.Ended();

        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(900), pacing.HoldFor(batchSize: 3, batchLimit: 1000));
    }

    [Fact]
    public void A_batch_after_the_gap_passed_is_not_held()
    {
        var clock = new FakeTimeProvider();
        var pacing = new CatchUpPacing(Gap, clock);
        pacing.Ended();

        clock.Advance(Gap);

        Assert.Equal(TimeSpan.Zero, pacing.HoldFor(batchSize: 3, batchLimit: 1000));
    }

    [Fact]
    public void A_full_batch_is_never_held_more_is_waiting()
    {
        var clock = new FakeTimeProvider();
        var pacing = new CatchUpPacing(Gap, clock);
        pacing.Ended();

        Assert.Equal(TimeSpan.Zero, pacing.HoldFor(batchSize: 1000, batchLimit: 1000));
    }

    [Fact]
    public async Task Under_a_steady_flow_of_commits_the_catch_up_takes_a_batch_per_gap_and_misses_nothing()
    {
        var database = await infra.CreateDatabase("paced");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEventStore("paced", TestEventTypes.Registry()).AddCatchUpSubscriber<CountingSubscriber>();
        using var host = builder.Build();
        await host.StartAsync();
        var subscriber = host.Services.GetRequiredService<CountingSubscriber>();
        var store = host.Services.GetRequiredService<IEventStore>();

        // A lone commit is taken at once, as before.
        await store.AppendToStream("thing-0", ExpectedVersion.NoStream, [new ThingHappened("0", 1)], default);
        await Eventually.True(() => subscriber.Count == 1, TimeSpan.FromSeconds(10), "the lone commit to be taken");
        var batchesBefore = subscriber.Batches;

        // Then a commit every 50 ms for 3 s: the daemon wakes at most every 100 ms (its gap), so without the pacing the
        // catch-up takes a batch per wake-up, about 30.
        const int commits = 60;
        for (var i = 1; i <= commits; i++)
        {
            await store.AppendToStream($"thing-{i}", ExpectedVersion.NoStream, [new ThingHappened(i.ToString(), 1)], default);
            await Task.Delay(50);
        }

        await Eventually.True(() => subscriber.Count == commits + 1, TimeSpan.FromSeconds(20), "every event to be taken");
        var batches = subscriber.Batches - batchesBefore;
        Assert.True(batches <= 8, $"{batches} batches for {commits} commits over ~3 s with a 1 s gap");
        await host.StopAsync();
    }

    private sealed class CountingSubscriber : ICatchUpSubscriber
    {
        private readonly HashSet<string> _taken = [];
        public string SubscriptionName => "paced";
        public int Batches;

        public int Count
        {
            get { lock (_taken) return _taken.Count; }
        }

        public Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            Interlocked.Increment(ref Batches);
            lock (_taken) foreach (var e in events) _taken.Add(e.StreamId);
            return Task.CompletedTask;
        }
    }
}
