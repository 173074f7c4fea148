using System.Reflection;
using MassTransit;

namespace Partnership.Messaging;

/// <summary>
/// The consumer only finishes what its queue already holds, from the builds before it was retired: its queue is bound to
/// nothing (the binding an earlier build made is removed), so no new message reaches it, and nothing is left unread in a
/// queue no consumer takes. <paramref name="reason"/> says what does its work now.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RetiredAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;

    public static bool On(Type consumer) => consumer.GetCustomAttribute<RetiredAttribute>() is not null;
}

/// <summary>The endpoint of a <see cref="RetiredAttribute"/> consumer: the queue, and no binding to the message's exchange.</summary>
public sealed class RetiredConsumerDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage> where TMessage : class
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) ExchangeBindingRemover.TakeOver<TMessage>(rabbit, context, GetType());
    }
}
