using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Partnership.EventSourcing;

namespace Partnership.ServiceDefaults.Messaging;

/// <summary>
/// Publishes the integration events that committed domain events map to. It runs as a checkpointed
/// catch-up subscription, so an event reaches RabbitMQ only once committed, and a crash before the
/// checkpoint publishes it again: at least once, never lost. MessageId is the source event's ID, so
/// consumers recognise a redelivery.
/// </summary>
public sealed class IntegrationEventForwarder(IBus bus, IIntegrationEventMapper mapper, ILogger<IntegrationEventForwarder> logger)
    : ICatchUpSubscriber
{
    public const string Name = "integration-forwarder";

    public string SubscriptionName => Name;

    public async Task Handle(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        // Streams publish concurrently (one awaited publish at a time is 5-10x slower here); events of
        // one stream stay in order, which is what keeps each customer's events in causal order.
        var byStream = events.GroupBy(e => e.StreamId).Select(stream => PublishInOrder(stream, ct));
        await Task.WhenAll(byStream);
    }

    private async Task PublishInOrder(IEnumerable<RecordedEvent> stream, CancellationToken ct)
    {
        foreach (var recorded in stream)
        {
            if (mapper.Map(recorded) is not { } message) continue;
            using var activity = StartActivity(recorded, message);
            await bus.Publish(message, message.GetType(), context =>
            {
                context.MessageId = recorded.EventId;
                context.Headers.Set("partnership-source-stream", recorded.StreamId);
                context.Headers.Set("partnership-source-position", recorded.Position);
            }, ct);
            logger.LogDebug("Forwarded {EventType} {EventId} from {StreamId}", recorded.EventType, recorded.EventId, recorded.StreamId);
        }
    }

    // The publish continues the trace of the request that appended the event, so the dashboard shows
    // request, store, broker and consumers as one trace.
    private static Activity? StartActivity(RecordedEvent recorded, object message)
    {
        ActivityContext.TryParse(recorded.TraceParent, null, out var parent);
        return Telemetry.ActivitySource.StartActivity($"forward {message.GetType().Name}", ActivityKind.Producer, parent);
    }
}
