using Marten;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Accounts.Reading;

public sealed class BillingAccountViewProjector(IServiceProvider services) : ViewProjector<BillingAccountView>(services)
{
    public override string SubscriptionName => "billing-account-views";

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        PersonalAccountOpened e => e.BillingAccountId,
        SubaccountOpened e => e.BillingAccountId,
        SwitchedToPaidConsumption => recorded.StreamId["billing-account-".Length..],
        _ => null,
    };

    protected override BillingAccountView? Apply(BillingAccountView? view, RecordedEvent recorded)
    {
        switch (recorded.Data)
        {
            case PersonalAccountOpened e:
                return new BillingAccountView
                {
                    Kind = BillingAccountKind.Personal, OwnerAccountId = e.OwnerAccountId, Mode = ConsumptionMode.Trial,
                    InitialGrant = e.InitialGrant, Currency = e.Currency, CreatedAt = e.At, Version = recorded.StreamVersion,
                };
            case SubaccountOpened e:
                return new BillingAccountView
                {
                    Kind = BillingAccountKind.PartnerSubaccount, OwnerAccountId = e.PartnerAccountId, CustomerAccountId = e.CustomerAccountId,
                    CustomerId = e.CustomerId, Mode = ConsumptionMode.Paid, CreatedAt = e.At, Version = recorded.StreamVersion,
                };
        }
        if (view is null) return null;
        view.Version = recorded.StreamVersion;
        if (recorded.Data is SwitchedToPaidConsumption) view.Mode = ConsumptionMode.Paid;
        return view;
    }
}
