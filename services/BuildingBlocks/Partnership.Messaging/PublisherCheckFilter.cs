using MassTransit;
using Microsoft.Extensions.Logging;

namespace Partnership.Messaging;

/// <summary>
/// A message is taken only from the exchange its type belongs to, and only when the broker vouches that
/// the owner of that exchange published it: RabbitMQ refuses a publish whose user-id differs from the
/// publisher's login, so the user-id seen here is the real publisher (or absent). Anything else is a forgery
/// or a misrouted message: logged and acknowledged without running the consumer. It is not moved to the
/// error queue, because a move republishes the message with its original user-id, which the broker would
/// refuse from this service's login, closing the channel.
/// </summary>
public sealed class PublisherCheckFilter<T>(BrokerIdentity broker, ILogger<PublisherCheckFilter<T>> logger)
    : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (Refusal(context) is { } why)
        {
            logger.LogWarning("Refused {MessageType} {MessageId}: {Why}. The message is dropped, not consumed.",
                typeof(T).Name, context.MessageId, why);
            await context.NotifyConsumed(context, TimeSpan.Zero, nameof(PublisherCheckFilter<T>));
            return;
        }
        await next.Send(context);
    }

    private string? Refusal(ConsumeContext<T> context)
    {
        if (IntegrationEventPublishers.ExchangeOf(typeof(T)) is not { } exchange)
            return "the message type has no [EntityName] exchange";
        if (broker.OwnerOf(exchange) is not { } owner)
            return $"exchange {exchange} has no owning service";
        if (!context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery))
            return "not delivered by RabbitMQ";
        var (arrivedThrough, publishedBy) = (delivery.Exchange, delivery.Properties.UserId);
        // A message this service moved itself (a wait before redelivery, a re-drive from _error) carries its own login as
        // user-id, which only this service can stamp, and where it first came from in headers: that is what is checked.
        if (publishedBy == broker.User && BrokerHeaders.Text(delivery.Properties.Headers, BrokerHeaders.OriginExchange) is { } origin)
            (arrivedThrough, publishedBy) = (origin, BrokerHeaders.Text(delivery.Properties.Headers, BrokerHeaders.OriginUser));
        if (arrivedThrough != exchange)
            return $"it arrived through exchange '{arrivedThrough}', not {exchange}";
        var expected = broker.UserOf(owner);
        if (publishedBy != expected)
            return $"its publisher (user-id '{publishedBy}') is not {owner} ('{expected}')";
        return null;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("publisherCheck");
}
