using System.Diagnostics;
using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A broker connection can die without a word, and then a publish's confirm never comes. Seen in the fault suite
/// (RabbitMQ stopped 20 s): such a publish held its stream's on-commit lane for good, and every catch-up batch that
/// held one of that stream's events waited 30 s for it, so the last emails went out minutes after the broker was back.
/// A publish not confirmed within Messaging:Delivery:PublishTimeout fails instead.
/// </summary>
public sealed class PublishTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_publish_the_broker_never_confirms_fails_with_a_timeout()
    {
        var publisher = Publisher();
        var recorded = Recorded("thing-1", 1);

        var clock = Stopwatch.StartNew();
        var publish = publisher.Publish(recorded, publisher.Map(recorded)!, "test", default);
        Assert.Same(publish, await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.True(clock.Elapsed >= Timeout * 0.9, $"gave up after {clock.Elapsed.TotalMilliseconds:F0} ms");
        await Assert.ThrowsAsync<TimeoutException>(() => publish);
    }

    [Fact]
    public async Task A_stream_whose_publish_is_never_confirmed_is_left_to_the_catch_up_at_the_timeout()
    {
        var options = Options.Create(new IntegrationEventDeliveryOptions { PublishTimeout = Timeout });
        var dispatcher = new IntegrationEventDispatcher(Publisher(), new PublishedEventRecorder(null!, NullLogger<PublishedEventRecorder>.Instance),
            new StreamParking(null!, NullLogger<StreamParking>.Instance), options, NullLogger<IntegrationEventDispatcher>.Instance);
        List<RecordedEvent> events = [Recorded("thing-2", 1), Recorded("thing-2", 2)];

        dispatcher.Committed(events);

        // The catch-up waits for exactly this before it publishes the stream's events itself.
        var settled = dispatcher.Settled(events.Select(e => e.EventId));
        Assert.Same(settled, await Task.WhenAny(settled, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    private static IntegrationEventPublisher Publisher() => new(DispatchProxy.Create<IBus, NeverConfirmingBus>(), new ThingMapper(),
        Options.Create(new IntegrationEventDeliveryOptions { PublishTimeout = Timeout }), NullLogger<IntegrationEventPublisher>.Instance);

    private static RecordedEvent Recorded(string stream, long version) => new(Guid.NewGuid(), stream, version, version, "thing-happened",
        new ThingHappened(stream, (int)version), DateTimeOffset.UtcNow, null);

    /// <summary>A bus whose every publish waits for a confirm that never comes.</summary>
    public class NeverConfirmingBus : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IPublishEndpoint.Publish)
                ? new TaskCompletionSource().Task
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
