using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;

namespace Partnership.CustomerService.Onboarding.Reading;

/// <summary>One change to a customer record as its history shows it (ListCustomerHistory).</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset At, string ActorAccountId, string Actor, string Change,
    string Description, string RequestId);

/// <summary>
/// The record's stream told as who did what, when (the time the decision was made, as the record shows it): a pure
/// reading of the events, nothing stored beside them.
/// </summary>
public static class CustomerHistory
{
    public const string Partner = "partner";
    public const string TheCustomer = "customer";
    public const string BillingAccount = "billing-account";
    public const string IdentityRoles = "identity-roles";
    public const string Operator = "operator";
    public const string Notification = "notification";
    public const string CustomerService = "customer-service";

    public static IReadOnlyList<HistoryEntry> Of(IReadOnlyList<RecordedEvent> events)
    {
        var entries = new List<HistoryEntry>(events.Count);
        var name = "";
        var partnerId = "";
        foreach (var recorded in events)
        {
            if (recorded.Data is CustomerRecordCreated created) partnerId = created.PartnerAccountId;
            var (at, actorId, actor, change, description, requestId) = recorded.Data switch
            {
                CustomerRecordCreated e => (e.At, e.PartnerAccountId, Partner, "created",
                    $"The partner added the customer '{name = e.Name}' ({e.Email}): verification required.", e.RequestId),
                SubaccountAssigned e => (e.At, "", BillingAccount, "subaccount-assigned",
                    $"Billing subaccount {e.SubaccountId} opened; the confirmation email asked for.", ""),
                OrganizationAssigned e => (e.At, "", IdentityRoles, "organization-assigned", OrganizationAssigned(e.OrganizationId, name), ""),
                OrganizationAssignedV2 e => (e.At, "", IdentityRoles, "organization-assigned", OrganizationAssigned(e.OrganizationId, name), ""),
                PartnershipConfirmed e => (e.At, e.CustomerAccountId, TheCustomer, "partnership-confirmed",
                    "The customer confirmed the partnership: active.", ""),
                InvitationDeclined e => (e.At, e.CustomerAccountId, TheCustomer, "invitation-declined",
                    "The customer declined the invitation: the partner's roles on the subaccount and the organization are revoked.", ""),
                InvitationExpired e => (e.At, "", CustomerService, "invitation-expired",
                    $"Invitation {e.Invitation} expired unanswered: the partner's roles on the subaccount and the organization are revoked.", ""),
                CustomerReinvited e => (e.At, e.PartnerAccountId, Partner, "reinvited",
                    $"The partner invited the customer again (invitation {e.Invitation}): verification required, a new confirmation email asked for.", ""),
                PartnershipEnded e => (e.At, e.EndedByAccountId, e.EndedByAccountId == e.PartnerAccountId ? Partner : TheCustomer,
                    "partnership-ended", "The partnership ended: the partner's roles are revoked; clouds stay billed to the subaccount until moved.", ""),
                DefaultBindingGranted e => (e.At, "", IdentityRoles, "role-granted",
                    RoleGranted(new DefaultBinding(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId), partnerId), ""),
                ProvisioningCompleted e => (e.At, "", CustomerService, "provisioning-complete",
                    "Provisioning complete: subaccount, organization, the default role bindings, confirmation email asked for.", ""),
                ProvisioningFailed e => (e.At, "", Notification, "provisioning-failed", e.Reason, ""),
                PartnershipSuspended e => (e.At, e.OperatorAccountId, Operator, "partnership-suspended",
                    "An operator suspended the partnership: no cloud can be added to the subaccount until it is resumed.", ""),
                PartnershipResumed e => (e.At, e.OperatorAccountId, Operator, "partnership-resumed",
                    "An operator resumed the partnership: active again.", ""),
                CloudAddedToSubaccount e => (e.At, "", BillingAccount, "cloud-added", $"Cloud {e.CloudId} is billed to the subaccount.", ""),
                CloudRemovedFromSubaccount e => (e.At, "", BillingAccount, "cloud-removed", $"Cloud {e.CloudId} left the subaccount.", ""),
                // A later build's change: named as stored, so the history never hides that something happened.
                _ => (recorded.Timestamp, "", "", recorded.EventType, "", ""),
            };
            entries.Add(new HistoryEntry(recorded.StreamVersion, at, actorId, actor, change, description, requestId));
            // The roles that came with the organization, told one by one as when each was an event of its own (same version).
            if (recorded.Data is OrganizationAssignedV2 assigned)
                entries.AddRange(assigned.Bindings.Select(b => new HistoryEntry(recorded.StreamVersion, assigned.At, "", IdentityRoles,
                    "role-granted", RoleGranted(b, partnerId), "")));
        }
        return entries;
    }

    private static string OrganizationAssigned(string organizationId, string name) =>
        $"Organization {organizationId} (For subaccount '{name}') created with the default roles.";

    private static string RoleGranted(DefaultBinding b, string partnerId) =>
        $"Role {b.RoleId} on {b.ResourceType} {b.ResourceId} granted to the {(b.SubjectAccountId == partnerId ? "partner" : "customer")} ({b.SubjectAccountId}).";
}
