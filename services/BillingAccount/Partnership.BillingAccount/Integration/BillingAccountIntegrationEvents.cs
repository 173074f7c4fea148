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

    /// <summary>
    /// Events with money go out twice: on the v1 exchange as ever (amounts as JSON numbers, for its subscribers) and on
    /// v2 with two-place decimal strings. Our own consumers stay on v1: they read no amount, and one queue per fact
    /// keeps their order and deduplication as they are.
    /// </summary>
    public IReadOnlyList<object> Editions(object message) => message switch
    {
        Contract.BillingAccountCreated e => [e, new Contract.BillingAccountCreatedV2(e.BillingAccountId, e.OwnerAccountId, e.InitialGrant,
            e.Currency, e.OccurredAt)],
        Contract.SwitchedToPaidConsumption e => [e, new Contract.SwitchedToPaidConsumptionV2(e.BillingAccountId, e.OwnerAccountId,
            e.InitialGrantRemaining, e.Currency, e.OccurredAt)],
        Contract.CloudLinked e => [e, new Contract.CloudLinkedV2(e.CloudId, e.FromBillingAccountId, e.ToBillingAccountId, e.LinkedByAccountId,
            e.OutstandingOnPreviousAccount, e.Currency, e.OccurredAt)],
        Contract.ChargeRecorded e => [e, new Contract.ChargeRecordedV2(e.BillingAccountId, e.CloudId, e.Amount, e.CoveredByGrant,
            e.AddedToOutstanding, e.Currency, e.OccurredAt, e.RequestId)],
        Contract.OutstandingPaid e => [e, new Contract.OutstandingPaidV2(e.BillingAccountId, e.Amount, e.Currency, e.OccurredAt,
            e.PaymentReference)],
        _ => [message],
    };

    private static string BillingAccountIdOf(RecordedEvent recorded) => BillingAccountIds.FromStream(recorded.StreamId);

    private static string CloudIdOf(RecordedEvent recorded) => CloudIds.FromStream(recorded.StreamId);
}
