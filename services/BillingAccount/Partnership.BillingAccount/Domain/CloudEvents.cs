namespace Partnership.BillingAccount.Domain;

// Domain events of the cloud stream, the source of truth of which billing account pays for a cloud.
// Stored names carry a version (see BillingAccountEventTypes); a change adds a V2 record, never edits these.

/// <summary>A cloud was created in an organization, bound to the billing account it was created with.</summary>
public sealed record CloudCreated(string CloudId, string Name, string OrganizationId, string CreatorAccountId, string BillingAccountId,
    DateTimeOffset At);

/// <summary>
/// The cloud's binding moved from one billing account (<paramref name="From"/>) to another (<paramref name="To"/>).
/// The charges so far stay on the previous account: what it owed at the move travels with the event, so the event
/// alone says what to publish.
/// </summary>
public sealed record CloudMoved(string From, string To, string ByAccountId, decimal OutstandingOnPrevious, string Currency,
    DateTimeOffset At);
