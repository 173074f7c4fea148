using Grpc.Core;
using Partnership.Contracts.Events.V1;

namespace Partnership.Messaging.CatchUp;

/// <summary>IntegrationEvents.Subscribe: the service's own integration events from a position, then the live ones.</summary>
public sealed class IntegrationEventsService(IntegrationEventCatchUp catchUp, CatchUpSource source) : IntegrationEvents.IntegrationEventsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<IntegrationEventEnvelope> responseStream,
        ServerCallContext context)
    {
        var exchanges = SubscribeRequestRules.Exchanges(request.FromPosition, request.EventTypes, source.Exchanges, source.Service);
        // Accepted: the subscriber learns it at once, not only with the first event (which may be a long wait when caught up).
        await context.WriteResponseHeadersAsync([]);
        await foreach (var envelope in catchUp.Read(request.FromPosition, exchanges, context.CancellationToken))
            await responseStream.WriteAsync(envelope, context.CancellationToken);
    }
}
