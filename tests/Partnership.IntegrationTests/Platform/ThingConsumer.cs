using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Platform.Messages;

namespace Partnership.IntegrationTests.Platform;

/// <summary>What the receiving service saw: every delivery, and the trace each ran in.</summary>
public sealed class ConsumerProbe
{
    /// <summary>
    /// What was consumed, in the order the consumer finished (several run at once, so not the order sent). SentTime is
    /// the publisher's clock at the send: the order a publisher that awaits each publish sent them in.
    /// </summary>
    public ConcurrentQueue<(Guid? MessageId, string ThingId, ActivityTraceId TraceId, DateTime? SentTime)> Deliveries { get; } = new();
    public int Duplicates;
}

/// <summary>
/// An idempotent consumer built the way the services build theirs: it records the message in its own
/// store on a stream whose ID comes from the message, expecting no stream, so a redelivery finds the
/// stream there and changes nothing.
/// </summary>
public sealed class ThingConsumer(IEventStore store, ConsumerProbe probe) : IConsumer<ThingPublished>
{
    public async Task Consume(ConsumeContext<ThingPublished> context)
    {
        var traceId = Activity.Current?.TraceId ?? default;
        try
        {
            await store.AppendToStream($"applied-{context.Message.ThingId}", ExpectedVersion.NoStream,
                [new ThingApplied(context.Message.ThingId, context.MessageId ?? Guid.Empty)], context.CancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            Interlocked.Increment(ref probe.Duplicates);
        }
        // Recorded after the effect, so a test that sees the delivery also sees what it changed.
        probe.Deliveries.Enqueue((context.MessageId, context.Message.ThingId, traceId, context.SentTime));
    }
}
