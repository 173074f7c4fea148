using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.Messaging;
using RabbitMQ.Client;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A message that can never succeed is parked in the consuming service's _error queue, under the consuming
/// service's own broker user (MassTransit alone would republish it with the publisher's user-id, which the
/// broker refuses from another login), counted, and re-driven by an operator once fixed. A message that fails for a
/// reason that may pass waits in the broker instead, survives a restart of the consumer, and succeeds later.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ErrorQueueTests(TestInfrastructure infra)
{
    private const string Exchange = "partnership-tests.thing-published.v1";

    [Fact]
    public async Task A_message_that_can_never_succeed_is_parked_once_in_the_error_queue_and_re_driven_after_the_fix()
    {
        var amqp = await infra.CreateVirtualHost("err");
        var vhost = amqp.AbsolutePath.TrimStart('/');
        var (user, password) = ($"it-consumer-{Guid.NewGuid():N}", "itConsumerPassword0");
        using (var http = infra.ManagementClient())
        {
            (await http.PutAsJsonAsync($"api/users/{user}", new { password, tags = "" })).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync($"api/permissions/{vhost}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        }
        var probe = new FailureProbe();
        using var consumer = Consumer(new UriBuilder(amqp) { UserName = user, Password = password }.Uri, probe);
        await consumer.StartAsync();
        try
        {
            var messageId = Guid.NewGuid();
            await PublishAsGuest(amqp, messageId);

            var parked = await Eventually.Get(() => TakeFromErrorQueue(amqp), m => m is not null, what: "the message in the _error queue");
            Assert.Equal(messageId.ToString(), parked!.BasicProperties.MessageId);
            Assert.Equal(user, parked.BasicProperties.UserId);
            Assert.Contains("always fails", Encoding.UTF8.GetString((byte[])parked.BasicProperties.Headers!["MT-Fault-Message"]!));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(1, probe.Attempts);

            // Put back (the test took it out to look at it), counted, then re-driven once the cause is fixed: the
            // publisher check still accepts it, because where it came from travels in headers under the consumer's login.
            await PutBack(new UriBuilder(amqp) { UserName = user, Password = password }.Uri, parked);
            var redriver = consumer.Services.GetRequiredService<ErrorQueueRedriver>();
            Assert.Equal(1, (await redriver.ErrorQueueDepths(default))[ErrorQueue[..^"_error".Length]]);
            probe.Fixed = true;
            Assert.Equal(1, await redriver.Redrive(ErrorQueue[..^"_error".Length], default));
            await Eventually.True(() => probe.Consumed == 1, what: "the re-driven message to be consumed");
            Assert.Equal(0, (await redriver.ErrorQueueDepths(default))[ErrorQueue[..^"_error".Length]]);
        }
        finally
        {
            await consumer.StopAsync();
            using var http = infra.ManagementClient();
            await http.DeleteAsync($"api/users/{user}");
        }
    }

    [Fact]
    public async Task A_message_failing_for_a_passing_reason_waits_in_the_broker_survives_a_restart_and_then_succeeds()
    {
        var amqp = await infra.CreateVirtualHost("wait");
        var probe = new FailureProbe { TransientFailures = 1 };
        var messageId = Guid.NewGuid();
        using (var first = Consumer(amqp, probe, "00:00:03"))
        {
            await first.StartAsync();
            await PublishAsGuest(amqp, messageId);
            await Eventually.True(() => probe.Attempts == 1, what: "the first, failing attempt");
            await Eventually.Get(() => WaitQueueDepth(amqp, "failing-always-failing-thing_wait_3s"), n => n == 1,
                what: "the message in the wait queue");
            // The consumer goes away while the message waits: it is in the broker, not in this process.
            await first.StopAsync();
        }
        using var second = Consumer(amqp, probe, "00:00:03");
        await second.StartAsync();
        await Eventually.True(() => probe.Consumed == 1, what: "the message, back from the wait queue, to be consumed");
        Assert.Equal(2, probe.Attempts);
        Assert.Null(await TakeFromErrorQueue(amqp));
        await second.StopAsync();
    }

    private static async Task<uint> WaitQueueDepth(Uri amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    private const string ErrorQueue = "failing-always-failing-thing_error";

    private static async Task PutBack(Uri amqp, BasicGetResult parked)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(ErrorQueue, "", true, new BasicProperties(parked.BasicProperties), parked.Body);
    }

    private static IHost Consumer(Uri amqp, FailureProbe probe, string? waitDelay = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        builder.Configuration["Messaging:RetryLimit"] = "0";
        if (waitDelay is not null) builder.Configuration["Messaging:Redelivery:Delays"] = waitDelay;
        builder.Configuration[$"Messaging:ExchangeOwners:{Exchange}"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = "guest";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.AddEventBus("failing", bus => bus.AddConsumer<AlwaysFailingThingConsumer>());
        return builder.Build();
    }

    internal static async Task PublishAsGuest(Uri amqp, Guid messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var envelope = System.Text.Json.JsonSerializer.Serialize(new
        {
            messageId, messageType = new[] { "urn:message:Partnership.IntegrationTests.Platform.Messages:ThingPublished" },
            message = new { thingId = "x", number = 1 },
        });
        await channel.BasicPublishAsync(Exchange, "", mandatory: false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), UserId = "guest" },
            Encoding.UTF8.GetBytes(envelope));
    }

    private static async Task<BasicGetResult?> TakeFromErrorQueue(Uri amqp)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return await channel.BasicGetAsync("failing-always-failing-thing_error", autoAck: true);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // not declared yet
        }
    }
}

public sealed class FailureProbe
{
    public int Attempts;
    public int Consumed;

    /// <summary>Attempts that fail as a database away would, before the message goes through.</summary>
    public int TransientFailures = -1;

    public volatile bool Fixed;
}

/// <summary>Refuses the message for good (until fixed), or fails it for a passing reason a few times.</summary>
public sealed class AlwaysFailingThingConsumer(FailureProbe probe) : IConsumer<ThingPublished>
{
    public Task Consume(ConsumeContext<ThingPublished> context)
    {
        var attempt = Interlocked.Increment(ref probe.Attempts);
        if (probe.TransientFailures >= 0 ? attempt <= probe.TransientFailures : false)
            throw new TimeoutException("The database did not answer in time.");
        if (probe.TransientFailures < 0 && !probe.Fixed)
            throw Partnership.EventSourcing.DomainException.Invalid("thing_id", "This consumer always fails.");
        Interlocked.Increment(ref probe.Consumed);
        return Task.CompletedTask;
    }
}
