using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Integration;

/// <summary>What the Customer service tells the world.</summary>
public sealed class CustomerIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        CustomerRecordCreated e => new CustomerCreatedIntegrationEvent(e.CustomerId, e.PartnerAccountId, e.CustomerAccountId, e.Name, e.Email, e.At),
        SubaccountAssigned e => new CustomerProvisionedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId, e.Name,
            e.Email, e.SubaccountId, e.InviteLink, e.At),
        PartnershipConfirmed e => new PartnershipConfirmedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.At),
        InvitationDeclined e => new InvitationDeclinedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.At, Math.Max(1, e.Invitation)),
        InvitationExpired e => new InvitationExpiredIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.Invitation, e.At),
        CustomerReinvited e => new CustomerReinvitedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId, e.Name,
            e.Email, e.SubaccountId, e.InviteLink, e.Invitation, e.At),
        PartnershipEnded e => new PartnershipEndedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.EndedByAccountId, e.At),
        // The stream version travels so that a suspend and a resume overtaking each other on their separate queues
        // settle, at every consumer, on the later one.
        PartnershipSuspended e => new PartnershipSuspendedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.OperatorAccountId, recorded.StreamVersion, e.At),
        PartnershipResumed e => new PartnershipResumedIntegrationEvent(CustomerIdOf(recorded), e.PartnerAccountId, e.CustomerAccountId,
            e.SubaccountId, e.OperatorAccountId, recorded.StreamVersion, e.At),
        _ => null,
    };

    private static string CustomerIdOf(RecordedEvent recorded) => CustomerIds.FromStream(recorded.StreamId);
}
