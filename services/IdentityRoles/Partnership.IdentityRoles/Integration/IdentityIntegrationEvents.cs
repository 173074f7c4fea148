using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Integration;

/// <summary>What the Identity/Roles service tells the world.</summary>
public sealed class IdentityIntegrationEvents : IIntegrationEventMapper
{
    public object? Map(RecordedEvent recorded) => recorded.Data switch
    {
        AccountRegistered e => new AccountRegisteredIntegrationEvent(e.AccountId, e.Email, e.DisplayName, e.At),
        PartnerStatusAssigned e => new PartnerStatusAssignedIntegrationEvent(AccountIdOf(recorded), e.At),
        PartnerStatusWithdrawn e => new PartnerStatusWithdrawnIntegrationEvent(AccountIdOf(recorded), e.At),
        OrganizationCreated e => new OrganizationCreatedIntegrationEvent(e.OrganizationId, e.Name, e.CustomerId, e.PartnerAccountId,
            e.CustomerAccountId, e.At,
            e.DefaultBindings?.Select(b => new RoleBindingOnResource(b.ResourceType, b.ResourceId, b.SubjectAccountId, b.RoleId)).ToList()),
        AccessBindingGranted e => new AccessBindingGrantedIntegrationEvent(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId,
            e.CustomerId, e.At),
        AccessBindingRevoked e => new AccessBindingRevokedIntegrationEvent(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId, e.At),
        _ => null,
    };

    private static string AccountIdOf(RecordedEvent recorded) => AccountIds.FromStream(recorded.StreamId);
}
