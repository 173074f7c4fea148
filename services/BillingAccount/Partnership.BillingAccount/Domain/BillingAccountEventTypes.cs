using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class BillingAccountEventTypes
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Map<PersonalAccountOpened>("billing.account-opened.v1")
        .Map<SwitchedToPaidConsumption>("billing.switched-to-paid-consumption.v1")
        .Map<SubaccountOpened>("billing.subaccount-opened.v1");
}
