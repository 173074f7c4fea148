using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Partnership.EndToEndTests.Trust;

/// <summary>
/// What each service's broker user may do, asked of the real broker: it publishes only to its own exchanges,
/// only under its own name, and reads only its own queues. Each refusal is paired with the allowed twin, so a
/// test cannot pass because the login or the object itself is broken.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BrokerPermissionTests(PartnershipSystem system)
{
    private const ushort AccessRefused = 403;
    private const ushort PreconditionFailed = 406;

    [Theory]
    [InlineData("customer", "partnership.subaccount-created.v1", "partnership.customer-created.v1")]
    [InlineData("identity", "partnership.subaccount-created.v1", "partnership.access-binding-granted.v1")]
    [InlineData("billing", "partnership.customer-provisioned.v1", "partnership.subaccount-created.v1")]
    [InlineData("billing", "partnership.access-binding-granted.v1", "partnership.cloud-linked.v1")]
    [InlineData("notification", "partnership.access-binding-granted.v1", "partnership.confirmation-email-sent.v1")]
    [InlineData("notification", "partnership.customer-provisioned.v1", "partnership.confirmation-email-failed.v1")]
    public async Task A_service_may_publish_to_its_own_exchange_and_is_refused_another_services(string service, string foreign, string own)
    {
        await Publish(service, own, userId: service);
        var refusal = await Refused(() => Publish(service, foreign, userId: service));
        Assert.Equal(AccessRefused, refusal.ReplyCode);
        Assert.Contains(foreign, refusal.ReplyText);
    }

    [Fact]
    public async Task A_service_cannot_publish_under_another_services_name()
    {
        var refusal = await Refused(() => Publish("customer", "partnership.customer-created.v1", userId: "billing"));
        Assert.Equal(PreconditionFailed, refusal.ReplyCode);
        Assert.Contains("user_id", refusal.ReplyText);
    }

    [Theory]
    [InlineData("customer", "notification-customer-provisioned")]
    [InlineData("billing", "identity-subaccount-created")]
    [InlineData("notification", "customer-subaccount-created")]
    [InlineData("identity", "billing-customer-created")]
    public async Task A_service_reads_its_own_queues_and_not_another_services(string service, string foreignQueue)
    {
        var owner = foreignQueue.Split('-')[0];
        await Get(owner, foreignQueue);
        var refusal = await Refused(() => Get(service, foreignQueue));
        Assert.Equal(AccessRefused, refusal.ReplyCode);
    }

    [Fact]
    public async Task A_service_cannot_subscribe_its_queue_to_an_exchange_it_does_not_consume()
    {
        // Notification consumes only customer-provisioned; account registrations are not its business.
        await Bind("notification", "partnership.customer-provisioned.v1");
        var refusal = await Refused(() => Bind("notification", "partnership.account-registered.v1"));
        Assert.Equal(AccessRefused, refusal.ReplyCode);
    }

    private async Task Publish(string service, string exchange, string userId)
    {
        await using var connection = await Connect(service);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        // Nothing any service would act on: a body no consumer can read.
        await channel.BasicPublishAsync(exchange, "", mandatory: false, new BasicProperties { UserId = userId }, "{}"u8.ToArray());
    }

    private async Task Get(string service, string queue)
    {
        await using var connection = await Connect(service);
        await using var channel = await connection.CreateChannelAsync();
        // A message taken here goes straight back: the owning service may still need it.
        if (await channel.BasicGetAsync(queue, autoAck: false) is { } taken)
            await channel.BasicNackAsync(taken.DeliveryTag, multiple: false, requeue: true);
    }

    private async Task Bind(string service, string exchange)
    {
        await using var connection = await Connect(service);
        await using var channel = await connection.CreateChannelAsync();
        var queue = $"{service}-permission-test-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue, exchange, "");
    }

    private Task<IConnection> Connect(string service) => new ConnectionFactory { Uri = system.AmqpAs(service) }.CreateConnectionAsync();

    private static async Task<ShutdownEventArgs> Refused(Func<Task> action)
    {
        var error = await Assert.ThrowsAnyAsync<OperationInterruptedException>(action);
        return error.ShutdownReason ?? throw new Xunit.Sdk.XunitException("refused without a reason: " + error.Message);
    }
}
