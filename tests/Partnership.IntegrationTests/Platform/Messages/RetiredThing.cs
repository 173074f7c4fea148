using MassTransit;

namespace Partnership.IntegrationTests.Platform.Messages;

[EntityName("partnership-tests.retired-thing.v1")]
public sealed record RetiredThing(string ThingId);
