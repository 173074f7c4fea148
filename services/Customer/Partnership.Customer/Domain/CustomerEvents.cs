namespace Partnership.CustomerService.Domain;

// Domain events of the customer stream. Stored names carry a version (see CustomerEventTypes);
// a change adds a V2 record beside these, never edits them.

/// <param name="TracksBindings">Created by a build that follows the default bindings to COMPLETE provisioning; absent
/// (false) in records stored before it, which read COMPLETE from their subaccount and organization alone.</param>
public sealed record CustomerRecordCreated(string CustomerId, string PartnerAccountId, string CustomerAccountId, string Name,
    string Email, string RequestId, DateTimeOffset At, bool TracksBindings = false);

/// <summary>Carries what the confirmation email needs, so the event alone says what to publish.</summary>
public sealed record SubaccountAssigned(string SubaccountId, string PartnerAccountId, string CustomerAccountId, string Name,
    string Email, string InviteLink, DateTimeOffset At);

/// <param name="WithBindings">The organization's announcement carried the default bindings (recorded beside this event, one
/// <see cref="DefaultBindingGranted"/> each), so provisioning waits for them there; false in events stored before, whose
/// bindings came one message each. Written now only for an announcement without bindings; with them,
/// <see cref="OrganizationAssignedV2"/>.</param>
public sealed record OrganizationAssigned(string OrganizationId, DateTimeOffset At, bool WithBindings = false);

/// <summary>
/// The organization, with the default bindings its announcement carried (those of the four Identity/Roles holds; after a
/// decline that came first, the customer's two): one event where version 1 took one more per binding
/// (<see cref="DefaultBindingGranted"/>), four of the twenty an onboarding stored.
/// </summary>
public sealed record OrganizationAssignedV2(string OrganizationId, IReadOnlyList<DefaultBinding> Bindings, DateTimeOffset At)
{
    // By value, the bindings included (a record compares a list by reference).
    public bool Equals(OrganizationAssignedV2? other) =>
        other is not null && OrganizationId == other.OrganizationId && At == other.At && Bindings.SequenceEqual(other.Bindings);

    public override int GetHashCode() => HashCode.Combine(OrganizationId, At, Bindings.Count);
}

public sealed record PartnershipConfirmed(string PartnerAccountId, string CustomerAccountId, string SubaccountId, DateTimeOffset At);

/// <summary>The customer declined the invitation: the partner's roles on the subaccount and the organization go.</summary>
/// <param name="Invitation">Which invitation was declined; absent (so 1) in events stored before reinvitations.</param>
public sealed record InvitationDeclined(string PartnerAccountId, string CustomerAccountId, string SubaccountId, DateTimeOffset At,
    int Invitation = 1);

/// <summary>The invitation was not answered in time: treated as a decline (the partner's roles go, never billed).</summary>
public sealed record InvitationExpired(string PartnerAccountId, string CustomerAccountId, string SubaccountId, int Invitation,
    DateTimeOffset At);

/// <summary>The partner invited the declined or expired customer again: a new invitation, with its own email.</summary>
public sealed record CustomerReinvited(string PartnerAccountId, string CustomerAccountId, string SubaccountId, string Name, string Email,
    string InviteLink, int Invitation, DateTimeOffset At);

/// <summary>The partner or the customer ended the Active partnership.</summary>
public sealed record PartnershipEnded(string PartnerAccountId, string CustomerAccountId, string SubaccountId, string EndedByAccountId,
    DateTimeOffset At);

/// <summary>An operator suspended the Active partnership: no cloud may be added to the subaccount until it is resumed.</summary>
public sealed record PartnershipSuspended(string PartnerAccountId, string CustomerAccountId, string SubaccountId, string OperatorAccountId,
    DateTimeOffset At);

/// <summary>An operator resumed the Suspended partnership: Active again.</summary>
public sealed record PartnershipResumed(string PartnerAccountId, string CustomerAccountId, string SubaccountId, string OperatorAccountId,
    DateTimeOffset At);


/// <summary>Identity/Roles granted one of the four default role bindings (announced with the organization; before, its
/// AccessBindingGranted for this record).</summary>
public sealed record DefaultBindingGranted(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset At);

/// <summary>Every provisioning step is done: subaccount, organization, the default bindings, confirmation email asked for.</summary>
public sealed record ProvisioningCompleted(DateTimeOffset At);

/// <summary>A provisioning step was refused for good.</summary>
public sealed record ProvisioningFailed(string Reason, DateTimeOffset At);

/// <summary>Reservation stream: which customer a subaccount belongs to, readable with no lag.</summary>
public sealed record SubaccountIndexed(string SubaccountId, string CustomerId, DateTimeOffset At);

/// <summary>A cloud was linked into the customer's subaccount: the partner pays for it now.</summary>
public sealed record CloudAddedToSubaccount(string CloudId, DateTimeOffset At);

/// <summary>A cloud left the subaccount (moved back to the customer's own account, or elsewhere).</summary>
public sealed record CloudRemovedFromSubaccount(string CloudId, DateTimeOffset At);
