using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults;

namespace Partnership.Messaging;

/// <summary>
/// Publishes the integration event a committed domain event maps to, the same way on both paths (on commit
/// and catch-up): MessageId is the stored event's ID, so consumers recognise a second delivery.
/// </summary>
public sealed class IntegrationEventPublisher(IBus bus, IIntegrationEventMapper mapper, IOptions<IntegrationEventDeliveryOptions> options,
    ILogger<IntegrationEventPublisher> logger)
{
    public object? Map(RecordedEvent recorded) => mapper.Map(recorded);

    /// <summary>
    /// Completes when the broker has confirmed the message and each of its newer editions. They go to different
    /// exchanges, so they are published together: each exchange keeps the stream's order because the caller waits for
    /// all of them before the stream's next event. A failure leaves the event unrecorded, and the catch-up publishes
    /// every edition again (same MessageId). Not confirmed within Messaging:Delivery:PublishTimeout, it fails with a
    /// <see cref="TimeoutException"/>; should the broker take it after all, consumers drop the copy the retry sends.
    /// </summary>
    public Task Publish(RecordedEvent recorded, object message, string path, CancellationToken ct)
    {
        var editions = mapper.Editions(message);
        return editions.Count == 1
            ? PublishOne(recorded, editions[0], path, ct)
            : Task.WhenAll(editions.Select(edition => PublishOne(recorded, edition, path, ct)));
    }

    private async Task PublishOne(RecordedEvent recorded, object message, string path, CancellationToken ct)
    {
        using var activity = StartActivity(recorded, message, path);
        var timeout = options.Value.PublishTimeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            // WaitAsync as well as the token: the token does not reach a confirm the client already awaits.
            await bus.Publish(message, message.GetType(), context =>
            {
                context.MessageId = recorded.EventId;
                context.Headers.Set("partnership-source-stream", recorded.StreamId);
                context.Headers.Set("partnership-source-position", recorded.Position);
                if (RoutingKeys.Of(message) is { } key && context.TryGetPayload<RabbitMqSendContext>(out var rabbit)) rabbit.RoutingKey = key;
            }, limit.Token).WaitAsync(limit.Token);
        }
        // Only the timer's own cancellation is a timeout: a bus that stops cancels too, and says so.
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm {recorded.EventType} {recorded.EventId} of {recorded.StreamId} within {timeout}.");
        }
        logger.LogDebug("Published {EventType} {EventId} from {StreamId} ({Path})", recorded.EventType, recorded.EventId, recorded.StreamId, path);
    }

    // The publish continues the trace of the request that appended the event, so the dashboard shows
    // request, store, broker and consumers as one trace.
    private static Activity? StartActivity(RecordedEvent recorded, object message, string path)
    {
        ActivityContext.TryParse(recorded.TraceParent, null, out var parent);
        return Telemetry.ActivitySource.StartActivity($"{path} {message.GetType().Name}", ActivityKind.Producer, parent);
    }
}
