using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Integration;

/// <summary>What the Billing-Account service tells the world.</summary>
public sealed class BillingAccountIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        PersonalAccountOpened e => new Contract.BillingAccountCreated(e.BillingAccountId, e.OwnerAccountId, e.InitialGrant, e.Currency, e.At),
        SwitchedToPaidConsumption e => new Contract.SwitchedToPaidConsumption(BillingAccountIdOf(recorded), e.OwnerAccountId,
            e.InitialGrantRemaining, e.Currency, e.At),
        SubaccountOpened e => new Contract.SubaccountCreated(e.BillingAccountId, e.CustomerId, e.PartnerAccountId, e.CustomerAccountId, e.At),
        _ => null,
    };

    private static string BillingAccountIdOf(RecordedEvent recorded) => recorded.StreamId["billing-account-".Length..];
}
