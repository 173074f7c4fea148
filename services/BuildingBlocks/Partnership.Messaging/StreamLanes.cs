using System.Reflection;
using System.Text;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Partnership.Messaging;

/// <summary>
/// One lane per stream key, shared by every stream consumer of the service whatever its queue: MassTransit's
/// partitioner hashes the stream ID to one of Messaging:StreamLanes lanes (64 by default; 0 turns lanes off), and
/// a lane runs one message at a time. Streams that share a lane wait for each other, which costs a little
/// concurrency but never correctness. In-process only: two replicas can still meet on one stream, and the
/// command handler's conflict retry covers that.
/// </summary>
public sealed class StreamLanes : IAsyncDisposable
{
    public const int DefaultCount = 64;

    private readonly Partitioner? _partitioner;

    public StreamLanes(IConfiguration configuration)
    {
        var count = configuration.GetValue("Messaging:StreamLanes", DefaultCount);
        _partitioner = count > 0 ? new Partitioner(count, new Murmur3UnsafeHashGenerator()) : null;
    }

    internal void Apply<TConsumer, TMessage>(IConsumerConfigurator<TConsumer> consumer)
        where TConsumer : class, IStreamConsumer<TMessage> where TMessage : class
    {
        if (_partitioner is null) return;
        // On the message, not inside the consumer factory: a waiting message holds no scope or database connection.
        consumer.Message<TMessage>(m => m.UsePartitioner(_partitioner, c => TConsumer.StreamOf(c.Message), Encoding.UTF8));
    }

    public ValueTask DisposeAsync() => _partitioner?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// A stream consumer added with plain AddConsumer would run without its lane, silently; AddEventBus refuses that.
    /// </summary>
    internal static void EnsureLaned(IServiceCollection services)
    {
        var laned = services.Select(d => d.ImplementationInstance).OfType<LanedConsumer>().Select(l => l.Type).ToHashSet();
        var unlaned = services.Select(d => d.ServiceType).Where(t => t is { IsInterface: false, IsAbstract: false } && !laned.Contains(t))
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStreamConsumer<>)))
            .Select(t => t.Name).Distinct().ToList();
        if (unlaned.Count > 0)
            throw new InvalidOperationException($"{string.Join(", ", unlaned)} must be added with AddStreamConsumer, " +
                "or its messages would not wait in their stream's lane.");
    }

    internal sealed record LanedConsumer(Type Type);
}

public static class StreamConsumerExtensions
{
    /// <summary>
    /// Adds every consumer <paramref name="assembly"/> defines: stream consumers in their lanes, the others as they are. A
    /// service's consumers are found, not listed, so a new slice's consumer cannot be left out of the service's wiring.
    /// </summary>
    public static void AddConsumersOf(this IBusRegistrationConfigurator bus, Assembly assembly)
    {
        var addStream = typeof(StreamConsumerExtensions).GetMethod(nameof(AddStreamConsumer))!;
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var streamMessages = MessagesOf(type, typeof(IStreamConsumer<>));
            if (streamMessages.Count > 1)
                throw new InvalidOperationException($"{type.Name} consumes {streamMessages.Count} messages: a stream consumer takes one, so it has one lane.");
            if (streamMessages.Count == 1) addStream.MakeGenericMethod(type, streamMessages[0]).Invoke(null, [bus]);
            else if (MessagesOf(type, typeof(IConsumer<>)) is { Count: > 0 } messages)
                bus.AddConsumer(type, RoutedDefinition(type, messages));
        }
    }

    // A consumer that takes only some routing keys, or a retired one, has one message: the one whose exchange its queue
    // is bound through, or was.
    private static Type? RoutedDefinition(Type consumer, List<Type> messages)
    {
        if (RetiredAttribute.On(consumer))
        {
            if (messages.Count > 1)
                throw new InvalidOperationException($"{consumer.Name} is retired from {messages.Count} messages: a retired consumer takes one.");
            return typeof(RetiredConsumerDefinition<,>).MakeGenericType(consumer, messages[0]);
        }
        if (TakesRoutingKeysAttribute.Of(consumer) is null) return null;
        if (messages.Count > 1)
            throw new InvalidOperationException($"{consumer.Name} takes some routing keys of {messages.Count} messages: a routed consumer takes one.");
        return typeof(RoutedConsumerDefinition<,>).MakeGenericType(consumer, messages[0]);
    }

    private static List<Type> MessagesOf(Type type, Type consumerInterface) =>
        type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == consumerInterface)
            .Select(i => i.GetGenericArguments()[0]).ToList();

    /// <summary>Adds a consumer whose messages wait in the lane of the stream they change.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddStreamConsumer<TConsumer, TMessage>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IStreamConsumer<TMessage> where TMessage : class
    {
        bus.AddSingleton(new StreamLanes.LanedConsumer(typeof(TConsumer)));
        Action<IRegistrationContext, IConsumerConfigurator<TConsumer>> lane =
            (context, consumer) => context.GetRequiredService<StreamLanes>().Apply<TConsumer, TMessage>(consumer);
        return RoutedDefinition(typeof(TConsumer), [typeof(TMessage)]) is { } routed
            ? bus.AddConsumer(routed, lane)
            : bus.AddConsumer(lane);
    }
}
