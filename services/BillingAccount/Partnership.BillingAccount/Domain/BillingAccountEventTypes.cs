using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class BillingAccountEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<PersonalAccountOpened>("billing.account-opened.v1")
        .Map<SwitchedToPaidConsumption>("billing.switched-to-paid-consumption.v1")
        .Map<SubaccountOpened>("billing.subaccount-opened.v1")
        .Map<ChargeAccrued>("billing.charge-accrued.v1")
        .Map<ChargeAccruedV2>("billing.charge-accrued.v2")
        .Map<OutstandingPaid>("billing.outstanding-paid.v1")
        .Map<OutstandingPaidV2>("billing.outstanding-paid.v2")
        .Map<ChargeRequested>("billing.charge-requested.v1")
        .Map<CloudBound>("billing.cloud-bound.v1")
        .Map<CloudUnbound>("billing.cloud-unbound.v1")
        .Map<SubaccountActivated>("billing.subaccount-activated.v1")
        .Map<SubaccountPartnershipEnded>("billing.subaccount-partnership-ended.v1")
        .Map<SubaccountSuspended>("billing.subaccount-suspended.v1")
        .Map<SubaccountResumed>("billing.subaccount-resumed.v1")
        .Map<CloudCreated>("billing.cloud-created.v1")
        .Map<CloudMoved>("billing.cloud-moved.v1")
        .Map<RoleLearned>("billing.role-learned.v1")
        .Map<RoleForgotten>("billing.role-forgotten.v1");
}
