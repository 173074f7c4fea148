using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.IntegrationTests.Platform;

/// <summary>Two replicas on one store: a commit on one wakes the followers of that stream on the other (LISTEN/NOTIFY).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StreamChangeFeedTests(TestInfrastructure infra)
{
    // A bound so a lost wake-up fails instead of hanging; nothing here follows at an interval, only NOTIFY can wake it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_commit_on_one_replica_wakes_the_followers_of_its_stream_on_the_other()
    {
        var database = await infra.CreateDatabase("changes");
        using var writer = Replica(database);
        using var reader = Replica(database);
        var readerFeed = reader.Services.GetRequiredService<IStreamChangeFeed>();
        // Every follower is woken once the listening connection is up; waiting for that first means what wakes the
        // follower below can only be the other replica's NOTIFY.
        var listening = readerFeed.NextChange("thing-listening");
        await Task.WhenAll(writer.StartAsync(), reader.StartAsync());
        await listening.WaitAsync(Bound);

        var followed = readerFeed.NextChange("thing-1");
        var other = readerFeed.NextChange("thing-2");
        var unfollowed = readerFeed.NextChange("ignored-1");
        var store = writer.Services.GetRequiredService<IEventStore>();
        await store.AppendToStream("thing-1", ExpectedVersion.NoStream, [new ThingHappened("1", 1)], CancellationToken.None);
        await store.AppendToStream("ignored-1", ExpectedVersion.NoStream, [new ThingHappened("i", 1)], CancellationToken.None);

        await followed.WaitAsync(Bound);
        // Another stream's follower and a stream not followed stay asleep (a second commit, then a wake-up of thing-2, orders the check).
        await store.AppendToStream("thing-2", ExpectedVersion.NoStream, [new ThingHappened("2", 1)], CancellationToken.None);
        await other.WaitAsync(Bound);
        Assert.False(unfollowed.IsCompleted);
        await Task.WhenAll(writer.StopAsync(), reader.StopAsync());
    }

    private static IHost Replica(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.AddEventStore("changes", TestEventTypes.Registry());
        builder.AddStreamChangeFeed("changes", streamId => streamId.StartsWith("thing-", StringComparison.Ordinal));
        return builder.Build();
    }
}
