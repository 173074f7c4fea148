using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Integration;

/// <summary>What the Billing-Account service tells the world. Learned roles stay private: they are Identity/Roles' news.</summary>
public sealed class BillingAccountIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        PersonalAccountOpened e => new BillingAccountCreatedIntegrationEvent(e.BillingAccountId, e.OwnerAccountId, e.InitialGrant, e.Currency, e.At),
        SwitchedToPaidConsumption e => new SwitchedToPaidConsumptionIntegrationEvent(BillingAccountIdOf(recorded), e.OwnerAccountId,
            e.InitialGrantRemaining, e.Currency, e.At),
        SubaccountOpened e => new SubaccountCreatedIntegrationEvent(e.BillingAccountId, e.CustomerId, e.PartnerAccountId, e.CustomerAccountId, e.At,
            e.CustomerName),
        CloudCreated e => new CloudCreatedIntegrationEvent(e.CloudId, e.Name, e.OrganizationId, e.CreatorAccountId, e.BillingAccountId, e.At),
        CloudMoved e => new CloudLinkedIntegrationEvent(CloudIdOf(recorded), e.From, e.To, e.ByAccountId, e.OutstandingOnPrevious, e.Currency, e.At),
        ChargeAccrued e => new ChargeRecordedIntegrationEvent(BillingAccountIdOf(recorded), e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.At),
        ChargeAccruedV2 e => new ChargeRecordedIntegrationEvent(BillingAccountIdOf(recorded), e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.At, e.RequestId),
        OutstandingPaid e => new OutstandingPaidIntegrationEvent(BillingAccountIdOf(recorded), e.Amount, e.Currency, e.At),
        OutstandingPaidV2 e => new OutstandingPaidIntegrationEvent(BillingAccountIdOf(recorded), e.Amount, e.Currency, e.At, e.PaymentReference),
        _ => null,
    };

    /// <summary>
    /// Events with money go out twice: on the v1 exchange as ever (amounts as JSON numbers, for its subscribers) and on
    /// v2 with two-place decimal strings. Our own consumers stay on v1: they read no amount, and one queue per fact
    /// keeps their order and deduplication as they are.
    /// </summary>
    public IReadOnlyList<object> Editions(object message) => message switch
    {
        BillingAccountCreatedIntegrationEvent e => [e, new BillingAccountCreatedV2IntegrationEvent(e.BillingAccountId, e.OwnerAccountId, e.InitialGrant,
            e.Currency, e.OccurredAt)],
        SwitchedToPaidConsumptionIntegrationEvent e => [e, new SwitchedToPaidConsumptionV2IntegrationEvent(e.BillingAccountId, e.OwnerAccountId,
            e.InitialGrantRemaining, e.Currency, e.OccurredAt)],
        CloudLinkedIntegrationEvent e => [e, new CloudLinkedV2IntegrationEvent(e.CloudId, e.FromBillingAccountId, e.ToBillingAccountId, e.LinkedByAccountId,
            e.OutstandingOnPreviousAccount, e.Currency, e.OccurredAt)],
        ChargeRecordedIntegrationEvent e => [e, new ChargeRecordedV2IntegrationEvent(e.BillingAccountId, e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.OccurredAt, e.RequestId)],
        OutstandingPaidIntegrationEvent e => [e, new OutstandingPaidV2IntegrationEvent(e.BillingAccountId, e.Amount, e.Currency, e.OccurredAt,
            e.PaymentReference)],
        _ => [message],
    };

    private static string BillingAccountIdOf(RecordedEvent recorded) => BillingAccountIds.FromStream(recorded.StreamId);

    private static string CloudIdOf(RecordedEvent recorded) => CloudIds.FromStream(recorded.StreamId);
}
