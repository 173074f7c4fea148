using MassTransit;

namespace Partnership.Contracts.IntegrationEvents;

// .NET names end in IntegrationEvent, unlike the domain events of the same facts; [MessageUrn] keeps the messageType
// they were published with before (no suffix), which MassTransit subscribers match on: the wire names are unchanged.

/// <summary>A partner added a customer record; status "Verification required".</summary>
/// <param name="CustomerName">As entered, trimmed.</param>
/// <param name="CustomerEmail">The email of the customer's account.</param>
[EntityName("partnership.customer-created.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CustomerCreated")]
public sealed record CustomerCreatedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string CustomerName,
    string CustomerEmail, DateTimeOffset OccurredAt);

/// <summary>The customer record knows its subaccount, so the customer can be asked to confirm.</summary>
/// <param name="InviteLink">"&lt;portal&gt;/invite/accept/&lt;subaccount ID&gt;".</param>
[EntityName("partnership.customer-provisioned.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CustomerProvisioned")]
public sealed record CustomerProvisionedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string CustomerName,
    string CustomerEmail, string SubaccountId, string InviteLink, DateTimeOffset OccurredAt);

/// <summary>
/// The customer declined the invitation; status "Declined". The partner's roles on the subaccount and the organization
/// are revoked (Identity/Roles publishes each AccessBindingRevoked); the subaccount is never billed.
/// </summary>
/// <param name="Invitation">Which invitation was declined (1 for the first; absent, and so 1, in messages from before
/// reinvitations): a decline of an earlier invitation than one a subscriber has seen reinvited changes nothing.</param>
[EntityName("partnership.invitation-declined.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:InvitationDeclined")]
public sealed record InvitationDeclinedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    DateTimeOffset OccurredAt, int Invitation = 1);

/// <summary>
/// The invitation was not answered in time (Customer:InvitationExpiry); status "Expired". Treated as a decline: the
/// partner's roles on the subaccount and the organization are revoked; the subaccount is never billed.
/// </summary>
/// <param name="Invitation">Which invitation expired (1 for the first).</param>
[EntityName("partnership.invitation-expired.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:InvitationExpired")]
public sealed record InvitationExpiredIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    int Invitation, DateTimeOffset OccurredAt);

/// <summary>
/// The partner invited a declined or expired customer again; status "Verification required". A new invitation with its
/// own single confirmation email (to the same invite link); the partner's default roles on the subaccount and the
/// organization are granted again.
/// </summary>
/// <param name="Invitation">The new invitation's number: 2 for the first reinvitation, and so on.</param>
/// <param name="InviteLink">"&lt;portal&gt;/invite/accept/&lt;subaccount ID&gt;", as in CustomerProvisioned.</param>
[EntityName("partnership.customer-reinvited.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:CustomerReinvited")]
public sealed record CustomerReinvitedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string CustomerName,
    string CustomerEmail, string SubaccountId, string InviteLink, int Invitation, DateTimeOffset OccurredAt);

/// <summary>The customer confirmed the partnership; status "Active".</summary>
[EntityName("partnership.partnership-confirmed.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnershipConfirmed")]
public sealed record PartnershipConfirmedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    DateTimeOffset OccurredAt);

/// <summary>
/// The partner or the customer ended an Active partnership; status "Ended". The partner's roles on the subaccount and the
/// organization are revoked (the customer keeps its own); clouds in the subaccount stay billed to it until moved, and it
/// keeps what it owes; no cloud can be added to it any more.
/// </summary>
/// <param name="EndedByAccountId">The partner's or the customer's account.</param>
[EntityName("partnership.partnership-ended.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnershipEnded")]
public sealed record PartnershipEndedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string EndedByAccountId, DateTimeOffset OccurredAt);

/// <summary>
/// An operator suspended an Active partnership; status "Suspended". No cloud can be created in the subaccount or linked
/// into it until it is resumed; clouds in it stay billed to it, and the partner keeps its roles.
/// </summary>
/// <param name="SuspendedByAccountId">The operator's account.</param>
/// <param name="CustomerVersion">The customer record's version after this change. Suspensions and resumptions of one record
/// travel on two exchanges and may arrive out of order: the one with the higher version is the record's state.</param>
[EntityName("partnership.partnership-suspended.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnershipSuspended")]
public sealed record PartnershipSuspendedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string SuspendedByAccountId, long CustomerVersion, DateTimeOffset OccurredAt);

/// <summary>An operator resumed a Suspended partnership; status "Active" again, clouds may be added to the subaccount.</summary>
/// <param name="ResumedByAccountId">The operator's account.</param>
/// <param name="CustomerVersion">As for <see cref="PartnershipSuspendedIntegrationEvent"/>: the higher version wins.</param>
[EntityName("partnership.partnership-resumed.v1")]
[MessageUrn("Partnership.Contracts.IntegrationEvents:PartnershipResumed")]
public sealed record PartnershipResumedIntegrationEvent(string CustomerId, string PartnerAccountId, string CustomerAccountId, string SubaccountId,
    string ResumedByAccountId, long CustomerVersion, DateTimeOffset OccurredAt);
