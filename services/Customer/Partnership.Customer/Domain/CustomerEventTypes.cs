using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

public static class CustomerEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<CustomerRecordCreated>("customer.created.v1")
        .Map<SubaccountAssigned>("customer.subaccount-assigned.v1")
        .Map<OrganizationAssigned>("customer.organization-assigned.v1")
        .Map<OrganizationAssignedV2>("customer.organization-assigned.v2")
        .Map<PartnershipConfirmed>("customer.partnership-confirmed.v1")
        .Map<InvitationDeclined>("customer.invitation-declined.v1")
        .Map<InvitationExpired>("customer.invitation-expired.v1")
        .Map<CustomerReinvited>("customer.reinvited.v1")
        .Map<PartnershipEnded>("customer.partnership-ended.v1")
        .Map<PartnershipSuspended>("customer.partnership-suspended.v1")
        .Map<PartnershipResumed>("customer.partnership-resumed.v1")
        .Map<DefaultBindingGranted>("customer.default-binding-granted.v1")
        .Map<ProvisioningCompleted>("customer.provisioning-completed.v1")
        .Map<ProvisioningFailed>("customer.provisioning-failed.v1")
        .Map<SubaccountIndexed>("customer.subaccount-indexed.v1")
        .Map<CloudAddedToSubaccount>("customer.cloud-added.v1")
        .Map<CloudRemovedFromSubaccount>("customer.cloud-removed.v1")
        .Map<PartnerStatusLearned>("customer.learned-partner-status.v1")
        .Map<PaidModeLearned>("customer.learned-paid-mode.v1")
        .Map<AccountEmailLearned>("customer.learned-account-email.v1");
}
