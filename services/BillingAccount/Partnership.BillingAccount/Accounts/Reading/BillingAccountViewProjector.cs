using Marten;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Accounts.Reading;

public sealed class BillingAccountViewProjector(IServiceProvider services) : ViewProjector<BillingAccountView>(services)
{
    public override string SubscriptionName => "billing-account-views";

    // Version 2: views know whether a subaccount's partnership is Active (Billable); earlier ones are rebuilt on start.
    // Version 3: Billable is made of the partnership's states (active, ended, suspended), whatever order they came in.
    public override int Version => 3;

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        PersonalAccountOpened e => e.BillingAccountId,
        SubaccountOpened e => e.BillingAccountId,
        SubaccountActivated or SubaccountPartnershipEnded or SubaccountSuspended or SubaccountResumed or SwitchedToPaidConsumption or ChargeAccrued or ChargeAccruedV2 or OutstandingPaid or OutstandingPaidV2 or CloudBound or CloudUnbound =>
            BillingAccountIds.FromStream(recorded.StreamId),
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
                    InitialGrant = e.InitialGrant, Currency = e.Currency, CreatedAt = e.At, Version = recorded.StreamVersion, Billable = true,
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
        switch (recorded.Data)
        {
            case SwitchedToPaidConsumption: view.Mode = ConsumptionMode.Paid; break;
            case SubaccountActivated: view.PartnershipActive = true; break;
            case SubaccountPartnershipEnded: view.PartnershipEnded = true; break;
            case SubaccountSuspended: view.PartnershipSuspended = true; break;
            case SubaccountResumed: view.PartnershipSuspended = false; break;
            case ChargeAccrued e: view.InitialGrant -= e.CoveredByGrant; view.Outstanding += e.AddedToOutstanding; break;
            case ChargeAccruedV2 e: view.InitialGrant -= e.CoveredByGrant; view.Outstanding += e.AddedToOutstanding; break;
            case OutstandingPaid e: view.Outstanding -= e.Amount; break;
            case OutstandingPaidV2 e: view.Outstanding -= e.Amount; break;
            case CloudBound e when !view.CloudIds.Contains(e.CloudId): view.CloudIds = [.. view.CloudIds, e.CloudId]; break;
            case CloudUnbound e: view.CloudIds = view.CloudIds.Where(c => c != e.CloudId).ToList(); break;
        }
        if (view.Kind == BillingAccountKind.PartnerSubaccount)
            view.Billable = view.PartnershipActive && !view.PartnershipEnded && !view.PartnershipSuspended;
        return view;
    }
}
