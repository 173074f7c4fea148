using Partnership.EventSourcing;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Platform;

// A domain event of a sending service, the integration event it maps to, and the receiving
// service's own record of having applied it.
public sealed record ThingHappened(string ThingId, int Number);

public sealed record ThingApplied(string ThingId, Guid MessageId);

public static class TestEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<ThingHappened>("test.thing-happened.v1")
        .Map<ThingApplied>("test.thing-applied.v1");
}

public sealed class ThingMapper : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) =>
        recorded.Data is ThingHappened e ? new Messages.ThingPublished(e.ThingId, e.Number) : null;
}
