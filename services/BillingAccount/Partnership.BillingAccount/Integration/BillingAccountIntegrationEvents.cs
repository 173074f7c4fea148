using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Integration;

/// <summary>What the Billing-Account service tells the world. Learned roles stay private: they are Identity/Roles' news.</summary>
public sealed class BillingAccountIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        PersonalAccountOpened e => new Contract.BillingAccountCreated(e.BillingAccountId, e.OwnerAccountId, e.InitialGrant, e.Currency, e.At),
        SwitchedToPaidConsumption e => new Contract.SwitchedToPaidConsumption(BillingAccountIdOf(recorded), e.OwnerAccountId,
            e.InitialGrantRemaining, e.Currency, e.At),
        SubaccountOpened e => new Contract.SubaccountCreated(e.BillingAccountId, e.CustomerId, e.PartnerAccountId, e.CustomerAccountId, e.At),
        CloudCreated e => new Contract.CloudCreated(e.CloudId, e.Name, e.OrganizationId, e.CreatorAccountId, e.BillingAccountId, e.At),
        CloudMoved e => new Contract.CloudLinked(CloudIdOf(recorded), e.From, e.To, e.ByAccountId, e.OutstandingOnPrevious, e.Currency, e.At),
        ChargeAccrued e => new Contract.ChargeRecorded(BillingAccountIdOf(recorded), e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.At),
        ChargeAccruedV2 e => new Contract.ChargeRecorded(BillingAccountIdOf(recorded), e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.At, e.RequestId),
        OutstandingPaid e => new Contract.OutstandingPaid(BillingAccountIdOf(recorded), e.Amount, e.Currency, e.At),
        OutstandingPaidV2 e => new Contract.OutstandingPaid(BillingAccountIdOf(recorded), e.Amount, e.Currency, e.At, e.PaymentReference),
        _ => null,
    };

    private static string BillingAccountIdOf(RecordedEvent recorded) => BillingAccountIds.FromStream(recorded.StreamId);

    private static string CloudIdOf(RecordedEvent recorded) => CloudIds.FromStream(recorded.StreamId);
}
