using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

public static class IdentityEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<AccountRegistered>("identity.account-registered.v1")
        .Map<PartnerStatusAssigned>("identity.partner-status-assigned.v1")
        .Map<PartnerStatusWithdrawn>("identity.partner-status-withdrawn.v1")
        .Map<OrganizationCreated>("identity.organization-created.v1")
        .Map<AccessBindingGranted>("identity.access-binding-granted.v1")
        .Map<AccessBindingRevoked>("identity.access-binding-revoked.v1")
        .Map<PartnershipEnded>("identity.access-partnership-ended.v1")
        .Map<PartnershipRestored>("identity.access-partnership-restored.v1");
}
