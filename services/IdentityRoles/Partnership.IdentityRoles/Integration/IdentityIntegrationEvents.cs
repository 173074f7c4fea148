using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Integration;

/// <summary>What the Identity/Roles service tells the world.</summary>
public sealed class IdentityIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        AccountRegistered e => new Contract.AccountRegistered(e.AccountId, e.Email, e.DisplayName, e.At),
        PartnerStatusAssigned e => new Contract.PartnerStatusAssigned(AccountIdOf(recorded), e.At),
        PartnerStatusWithdrawn e => new Contract.PartnerStatusWithdrawn(AccountIdOf(recorded), e.At),
        OrganizationCreated e => new Contract.OrganizationCreated(e.OrganizationId, e.Name, e.CustomerId, e.PartnerAccountId,
            e.CustomerAccountId, e.At),
        AccessBindingGranted e => new Contract.AccessBindingGranted(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId,
            e.CustomerId, e.At),
        AccessBindingRevoked e => new Contract.AccessBindingRevoked(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId, e.At),
        _ => null,
    };

    private static string AccountIdOf(RecordedEvent recorded) => AccountIds.FromStream(recorded.StreamId);
}
