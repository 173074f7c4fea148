using Partnership.EventSourcing;

namespace Partnership.Messaging;

/// <summary>
/// Which committed domain events leave the service, and as what integration event. Domain events stay
/// private to the service; only the returned contract records are published.
/// </summary>
public interface IIntegrationEventMapper
{
    object? Map(RecordedEvent recorded);

    /// <summary>
    /// Every message a mapped record goes out as: the record itself, then the same fact as each newer version published
    /// beside it (a wire change is a new exchange, and the old one keeps its subscribers until it is retired). All carry
    /// the stored event's ID, so a subscriber of two versions deduplicates them as one.
    /// </summary>
    IReadOnlyList<object> Editions(object message) => [message];
}
