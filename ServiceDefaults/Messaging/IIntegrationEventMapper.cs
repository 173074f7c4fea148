using Partnership.EventSourcing;

namespace Partnership.ServiceDefaults.Messaging;

/// <summary>
/// Which committed domain events leave the service, and as what integration event. Domain events stay
/// private to the service; only the returned contract records are published.
/// </summary>
public interface IIntegrationEventMapper
{
    object? Map(RecordedEvent recorded);
}
