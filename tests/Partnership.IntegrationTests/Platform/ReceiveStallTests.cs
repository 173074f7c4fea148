using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

/// <summary>The rule: a queue is stalled when every read for StallAfter found ready messages and this process took none.</summary>
public sealed class ReceiveProgressTests
{
    private static readonly TimeSpan After = TimeSpan.FromSeconds(60);
    private readonly ManualClock _clock = new();

    [Fact]
    public void Ready_messages_that_nothing_here_takes_for_StallAfter_stall_the_queue()
    {
        var progress = new ReceiveProgress(_clock);
        progress.Depth("q", 3);
        _clock.Advance(TimeSpan.FromSeconds(59));
        progress.Depth("q", 3);
        Assert.Empty(progress.Stalled(After));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var stalled = Assert.Single(progress.Stalled(After));
        Assert.Equal(new StalledQueue("q", 3, After), stalled);
    }

    [Fact]
    public void A_message_taken_an_empty_read_or_a_failed_read_starts_the_stretch_again()
    {
        var progress = new ReceiveProgress(_clock);
        progress.Depth("taken", 3);
        progress.Depth("emptied", 3);
        progress.Depth("unread", 3);
        _clock.Advance(TimeSpan.FromSeconds(50));
        progress.Taken("taken");
        progress.Depth("emptied", 0);
        progress.Depth("emptied", 1);
        _clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(["unread"], progress.Stalled(After).Select(s => s.Queue));

        // The broker away: nothing is known until the next read, which starts a new stretch.
        progress.Unknown();
        Assert.Empty(progress.Stalled(After));
        progress.Depth("unread", 3);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(progress.Stalled(After));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["unread"], progress.Stalled(After).Select(s => s.Queue));
    }

    [Fact]
    public void A_process_is_not_stalled_sooner_than_StallAfter_after_its_start()
    {
        _clock.Advance(TimeSpan.FromMinutes(10));
        var progress = new ReceiveProgress(_clock);
        progress.Depth("q", 1);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(progress.Stalled(After));
    }

    [Fact]
    public void A_stalled_queue_with_a_message_in_a_consumer_here_is_not_idle_until_that_consume_ends()
    {
        var progress = new ReceiveProgress(_clock);
        progress.Depth("q", 3);
        progress.Began("q");
        _clock.Advance(After);
        progress.Depth("q", 3);
        Assert.Equal(["q"], progress.Stalled(After).Select(s => s.Queue));
        Assert.Empty(progress.StalledIdle(After));

        progress.Ended("q");
        Assert.Equal(["q"], progress.StalledIdle(After).Select(s => s.Queue));

        // An end whose beginning was not seen does not hide the next consume.
        progress.Ended("q");
        progress.Began("q");
        _clock.Advance(After);
        progress.Depth("q", 3);
        Assert.Empty(progress.StalledIdle(After));
    }

    [Fact]
    public void After_a_restart_every_queue_waits_StallAfter_again()
    {
        var progress = new ReceiveProgress(_clock);
        progress.Depth("q", 3);
        _clock.Advance(After);
        Assert.Single(progress.StalledIdle(After));

        progress.Restarted();
        Assert.Empty(progress.StalledIdle(After));
        progress.Depth("q", 3);
        _clock.Advance(After - TimeSpan.FromSeconds(1));
        Assert.Empty(progress.StalledIdle(After));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(progress.StalledIdle(After));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}

/// <summary>
/// A consumer that stops taking messages while they wait in its queue makes /health Unhealthy, naming the queue; a receive
/// side that takes nothing, with nothing in a consumer, is restarted.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReceiveStallTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Messages_waiting_in_a_queue_this_process_takes_none_from_make_health_unhealthy_until_it_takes_them()
    {
        var amqp = await infra.CreateVirtualHost("recv");
        var gate = new Gate();
        using var host = Consumer(amqp, gate);
        await host.StartAsync();
        try
        {
            var health = host.Services.GetRequiredService<HealthCheckService>();
            Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == "receiving")).Status);

            // One message in flight (one at a time), stuck in its consumer; the others wait, ready, in the queue.
            for (var i = 0; i < 3; i++) await ErrorQueueTests.PublishAsGuest(amqp, Guid.NewGuid());
            var report = await Eventually.Get(() => health.CheckHealthAsync(r => r.Name == "receiving"),
                r => r.Status == HealthStatus.Unhealthy, what: "the stalled queue on /health");
            Assert.Contains("stalled-gated-thing: 2 ready, none taken for", report.Entries["receiving"].Description);
            // A consumer holding its message is reported, never restarted under.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(0, host.Services.GetRequiredService<StalledReceiveRestart>().Restarts);

            gate.Open.TrySetResult();
            await Eventually.True(() => gate.Consumed == 3, what: "the waiting messages to be taken");
            await Eventually.Get(() => health.CheckHealthAsync(r => r.Name == "receiving"), r => r.Status == HealthStatus.Healthy,
                what: "healthy once it takes messages again");
        }
        finally
        {
            gate.Open.TrySetResult();
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_receive_side_that_takes_nothing_with_nothing_in_a_consumer_is_restarted_and_takes_what_waits()
    {
        var amqp = await infra.CreateVirtualHost("recv-restart");
        var gate = new Gate();
        gate.Open.TrySetResult();
        using var host = Consumer(amqp, gate);
        await host.StartAsync();
        try
        {
            // The receive side stops while the process and the broker go on: what MassTransit's hang after an outage
            // looks like from here (that hang itself cannot be made on demand).
            await host.Services.GetRequiredService<IBusControl>().StopAsync();
            for (var i = 0; i < 3; i++) await ErrorQueueTests.PublishAsGuest(amqp, Guid.NewGuid());

            await Eventually.True(() => gate.Consumed == 3, TimeSpan.FromSeconds(30), "the waiting messages taken after a restart");
            Assert.Equal(1, host.Services.GetRequiredService<StalledReceiveRestart>().Restarts);
            var health = host.Services.GetRequiredService<HealthCheckService>();
            await Eventually.Get(() => health.CheckHealthAsync(r => r.Name == "receiving"), r => r.Status == HealthStatus.Healthy,
                what: "healthy once it takes messages again");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost Consumer(Uri amqp, Gate gate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        builder.Configuration["Messaging:RetryLimit"] = "0";
        builder.Configuration["Messaging:PrefetchCount"] = "1";
        builder.Configuration["Messaging:Delivery:StallAfter"] = "00:00:02";
        builder.Configuration["Messaging:Redelivery:ErrorQueuePollInterval"] = "00:00:00.3";
        builder.Configuration["Messaging:ExchangeOwners:partnership-tests.thing-published.v1"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = "guest";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(gate);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.AddEventBus("stalled", bus => bus.AddConsumer<GatedThingConsumer>());
        return builder.Build();
    }

    public sealed class Gate
    {
        public readonly TaskCompletionSource Open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Consumed;
    }

    public sealed class GatedThingConsumer(Gate gate) : IConsumer<ThingPublished>
    {
        public async Task Consume(ConsumeContext<ThingPublished> context)
        {
            await gate.Open.Task;
            Interlocked.Increment(ref gate.Consumed);
        }
    }
}
