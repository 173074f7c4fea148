using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>The oldest-message age bound: pure arithmetic on what the service saw.</summary>
public sealed class QueueAgeTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = Now.AddHours(-1);

    [Fact]
    public void An_empty_queue_has_no_waiting_message() =>
        Assert.Equal(TimeSpan.Zero, QueueAge.Estimate(0, Now.AddMinutes(-30), null, Start, Now));

    [Fact]
    public void A_queue_whose_consumers_keep_up_waits_as_long_as_since_the_last_consumed_message_was_sent() =>
        Assert.Equal(TimeSpan.FromSeconds(2), QueueAge.Estimate(5, Now.AddSeconds(-2), Now.AddMinutes(-10), Start, Now));

    [Fact]
    public void A_stuck_queue_waits_since_it_was_last_seen_empty_when_that_is_later()
    {
        // Nothing consumed for 30 min, the queue was empty 40 s ago: its head came after that.
        Assert.Equal(TimeSpan.FromSeconds(40), QueueAge.Estimate(3, Now.AddMinutes(-30), Now.AddSeconds(-40), Start, Now));
        // And a minute later, still stuck, the bound has grown by that minute.
        Assert.Equal(TimeSpan.FromSeconds(100), QueueAge.Estimate(3, Now.AddMinutes(-30), Now.AddSeconds(-40), Start, Now.AddMinutes(1)));
    }

    [Fact]
    public void Before_anything_was_seen_the_bound_is_the_time_since_the_process_started() =>
        Assert.Equal(TimeSpan.FromHours(1), QueueAge.Estimate(1, null, null, Start, Now));
}

/// <summary>The gauge as a running service reports it, beside the queue depth.</summary>
[Collection(Infrastructure.InfrastructureCollection.Name)]
public sealed class QueueAgeGaugeTests(Infrastructure.TestInfrastructure infra)
{
    [Fact]
    public async Task Every_receive_queue_reports_how_long_its_oldest_message_waited()
    {
        var (database, amqp) = (await infra.CreateDatabase("age"), await infra.CreateVirtualHost("age"));
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "partnership.messaging.queue.oldest_age") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "queue" && tag.Value is string queue) seen[queue] = value;
        });
        listener.Start();
        using var receiver = ServiceHosts.Receiver(database, amqp, new ConsumerProbe());
        await receiver.StartAsync();

        await Eventually.True(() =>
        {
            listener.RecordObservableInstruments();
            return seen.ContainsKey("receiver-thing");
        }, what: "the receiver's queue in the gauge");
        // Queue names repeat across the tests' virtual hosts and the gauge is process-wide, so only its range is certain here.
        Assert.InRange(seen["receiver-thing"], 0, 3600);
        await receiver.StopAsync();
    }
}
