using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;

namespace Partnership.IntegrationTests.Faults;

/// <summary>
/// A checkpointed catch-up hands a subscriber the same events again until it takes them: an exception is never a
/// reason to move past them. (Marten's daemon by default skips, as "dead letters", the events of a subscription that
/// throws: for the integration-event forwarder that would be an event never published.)
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CatchUpWaitsTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Events_a_subscriber_threw_on_are_handed_to_it_again_not_skipped()
    {
        var database = await infra.CreateDatabase("flaky");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEventStore("flaky", TestEventTypes.Registry()).AddCatchUpSubscriber<FlakySubscriber>();
        using var host = builder.Build();
        await host.StartAsync();
        var subscriber = host.Services.GetRequiredService<FlakySubscriber>();

        await host.Services.GetRequiredService<IEventStore>()
            .AppendToStream("thing-a", ExpectedVersion.NoStream, [new ThingHappened("a", 1)], default);

        await Eventually.True(() => subscriber.Taken.Contains("thing-a"), TimeSpan.FromSeconds(30), "the event to be handed again and taken");
        Assert.True(subscriber.Failures >= 1);
        await host.StopAsync();
    }

    private sealed class FlakySubscriber : ICatchUpSubscriber
    {
        public string SubscriptionName => "flaky";
        public int Failures;
        public readonly List<string> Taken = [];

        public Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            // Fails the first time round, as a publish into a bus that is stopping does.
            if (Interlocked.Increment(ref Failures) == 1) throw new TaskCanceledException("The broker did not confirm in time.");
            Interlocked.Decrement(ref Failures);
            lock (Taken) Taken.AddRange(events.Select(e => e.StreamId));
            return Task.CompletedTask;
        }
    }
}
