using JasperFx.Events;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Accounts.Reading;

/// <summary>
/// The listable billing accounts, folded by the domain's own <see cref="BillingAccountRecord.Evolve"/>: the view holds what
/// the fold of its fields needs (charges and payments by ID only guard retries, and stay in the stream).
/// </summary>
public sealed class BillingAccountViewProjection() : StreamViewProjection<BillingAccountView>("billing-account-views", BillingAccountIds.FromStream,
    typeof(PersonalAccountOpened), typeof(SubaccountOpened), typeof(SubaccountActivated), typeof(SubaccountPartnershipEnded),
    typeof(SubaccountSuspended), typeof(SubaccountResumed), typeof(SwitchedToPaidConsumption), typeof(ChargeAccrued), typeof(ChargeAccruedV2),
    typeof(OutstandingPaid), typeof(OutstandingPaidV2), typeof(CloudBound), typeof(CloudUnbound))
{
    public override BillingAccountView? Evolve(BillingAccountView? view, string id, IEvent e)
    {
        var record = BillingAccountRecord.Evolve(view is null ? BillingAccountRecord.Initial : Record(view), e.Data);
        return record.Exists ? View(record, e.Version) : null;
    }

    private static BillingAccountRecord Record(BillingAccountView v) => BillingAccountRecord.Initial with
    {
        BillingAccountId = v.Id, Kind = v.Kind, OwnerAccountId = v.OwnerAccountId, CustomerAccountId = v.CustomerAccountId,
        CustomerId = v.CustomerId, Mode = v.Mode, InitialGrant = v.InitialGrant, Currency = v.Currency, CreatedAt = v.CreatedAt,
        Outstanding = v.Outstanding, CloudIds = [.. v.CloudIds], PartnershipActive = v.PartnershipActive,
        PartnershipEnded = v.PartnershipEnded, PartnershipSuspended = v.PartnershipSuspended,
    };

    private static BillingAccountView View(BillingAccountRecord r, long version) => new()
    {
        Id = r.BillingAccountId, Kind = r.Kind, OwnerAccountId = r.OwnerAccountId, CustomerAccountId = r.CustomerAccountId,
        CustomerId = r.CustomerId, Mode = r.Mode, InitialGrant = r.InitialGrant, Currency = r.Currency, CreatedAt = r.CreatedAt!.Value,
        Outstanding = r.Outstanding, CloudIds = [.. r.CloudIds], Billable = r.Billable, PartnershipActive = r.PartnershipActive,
        PartnershipEnded = r.PartnershipEnded, PartnershipSuspended = r.PartnershipSuspended, Version = version,
    };
}
