using MassTransit;

namespace Partnership.IntegrationTests.Platform.Messages;

// Two message types whose consumers change one stream, as Customer's SubaccountCreated and OrganizationCreated do.
[EntityName("partnership-tests.tally-raised.v1")]
public sealed record TallyRaised(string TallyId, int Number);

[EntityName("partnership-tests.tally-noted.v1")]
public sealed record TallyNoted(string TallyId, int Number);
