using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform.Messages;
using Partnership.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// A message that fails every attempt is parked in the consuming service's _error queue, under the consuming
/// service's own broker user. MassTransit alone would republish it with the publisher's user-id, which the
/// broker refuses from another login: the channel would close and the message come back forever.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ErrorQueueTests(TestInfrastructure infra)
{
    private const string Exchange = "partnership-tests.thing-published.v1";

    [Fact]
    public async Task A_message_that_always_fails_is_parked_once_in_the_error_queue_under_the_consumers_own_login()
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
        }
        finally
        {
            await consumer.StopAsync();
            using var http = infra.ManagementClient();
            await http.DeleteAsync($"api/users/{user}");
        }
    }

    private static IHost Consumer(Uri amqp, FailureProbe probe)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = amqp.ToString();
        builder.Configuration["Messaging:RetryLimit"] = "0";
        builder.Configuration[$"Messaging:ExchangeOwners:{Exchange}"] = "sender";
        builder.Configuration["Messaging:BrokerUsers:sender"] = "guest";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.AddEventBus("failing", bus => bus.AddConsumer<AlwaysFailingThingConsumer>());
        return builder.Build();
    }

    private static async Task PublishAsGuest(Uri amqp, Guid messageId)
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
}

public sealed class AlwaysFailingThingConsumer(FailureProbe probe) : IConsumer<ThingPublished>
{
    public Task Consume(ConsumeContext<ThingPublished> context)
    {
        Interlocked.Increment(ref probe.Attempts);
        throw new InvalidOperationException("This consumer always fails.");
    }
}
