using MassTransit;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IntegrationTests.Platform.Messages;

[EntityName("partnership-tests.routed-thing.v1")]
[RoutingKey(nameof(Kind))]
public sealed record RoutedThing(string ThingId, string Kind);
