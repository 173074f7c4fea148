using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

/// <summary>A partner added a customer record; status "Verification required".</summary>
/// <param name="CustomerName">As entered, trimmed.</param>
/// <param name="CustomerEmail">The email of the customer's account.</param>
[EntityName("partnership.customer-created.v1")]
public sealed record CustomerCreated(string CustomerId, string PartnerAccountId, string CustomerAccountId, string CustomerName,
    string CustomerEmail, DateTimeOffset OccurredAt);

/// <summary>The customer record knows its subaccount, so the customer can be asked to confirm.</summary>
/// <param name="InviteLink">"&lt;portal&gt;/invite/accept/&lt;subaccount ID&gt;".</param>
[EntityName("partnership.customer-provisioned.v1")]
public sealed record CustomerProvisioned(string CustomerId, string PartnerAccountId, string CustomerAccountId, string CustomerName,
    string CustomerEmail, string SubaccountId, string InviteLink, DateTimeOffset OccurredAt);

/// <summary>
/// The customer declined the invitation; status "Declined". The partner's roles on the subaccount and the organization
/// are revoked (Identity/Roles publishes each AccessBindingRevoked); the subaccount is never billed.
/// </summary>
[EntityName("partnership.invitation-declined.v1")]
public sealed record InvitationDeclined(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    DateTimeOffset OccurredAt);

/// <summary>The customer confirmed the partnership; status "Active".</summary>
[EntityName("partnership.partnership-confirmed.v1")]
public sealed record PartnershipConfirmed(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    DateTimeOffset OccurredAt);

/// <summary>
/// The partner or the customer ended an Active partnership; status "Ended". The partner's roles on the subaccount and the
/// organization are revoked (the customer keeps its own); clouds in the subaccount stay billed to it until moved, and it
/// keeps what it owes; no cloud can be added to it any more.
/// </summary>
/// <param name="EndedByAccountId">The partner's or the customer's account.</param>
[EntityName("partnership.partnership-ended.v1")]
public sealed record PartnershipEnded(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string EndedByAccountId, DateTimeOffset OccurredAt);

/// <summary>
/// An operator suspended an Active partnership; status "Suspended". No cloud can be created in the subaccount or linked
/// into it until it is resumed; clouds in it stay billed to it, and the partner keeps its roles.
/// </summary>
/// <param name="SuspendedByAccountId">The operator's account.</param>
/// <param name="CustomerVersion">The customer record's version after this change. Suspensions and resumptions of one record
/// travel on two exchanges and may arrive out of order: the one with the higher version is the record's state.</param>
[EntityName("partnership.partnership-suspended.v1")]
public sealed record PartnershipSuspended(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string SuspendedByAccountId, long CustomerVersion, DateTimeOffset OccurredAt);

/// <summary>An operator resumed a Suspended partnership; status "Active" again, clouds may be added to the subaccount.</summary>
/// <param name="ResumedByAccountId">The operator's account.</param>
/// <param name="CustomerVersion">As for <see cref="PartnershipSuspended"/>: the higher version wins.</param>
[EntityName("partnership.partnership-resumed.v1")]
public sealed record PartnershipResumed(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string ResumedByAccountId, long CustomerVersion, DateTimeOffset OccurredAt);
