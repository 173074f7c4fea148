using MassTransit;

namespace Partnership.IntegrationTests.Platform.Messages;

[EntityName("partnership-tests.thing-published.v1")]
public sealed record ThingPublished(string ThingId, int Number);
