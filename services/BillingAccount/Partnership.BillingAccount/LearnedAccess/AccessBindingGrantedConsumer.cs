using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.LearnedAccess;

/// <summary>
/// Learns a role granted on a cloud or a billing account into this service's own learned-access stream of that
/// resource; a redelivery or a grant overtaken by its revoke changes nothing (see <see cref="LearnedAccessBindings"/>).
/// The broker delivers it only grants on those two (their routing key), and any published without a key, which the
/// check below drops when they are on anything else.
/// </summary>
[TakesRoutingKeys(ResourceTypes.BillingAccount, ResourceTypes.Cloud)]
public sealed class AccessBindingGrantedConsumer(CommandHandler commands) : IStreamConsumer<AccessBindingGrantedIntegrationEvent>
{
    public static string StreamOf(AccessBindingGrantedIntegrationEvent message) => LearnedAccessIds.Stream(message.ResourceType, message.ResourceId);

    public Task Consume(ConsumeContext<AccessBindingGrantedIntegrationEvent> context)
    {
        var m = context.Message;
        if (!LearnedAccessIds.IsLearned(m.ResourceType)) return Task.CompletedTask;
        return commands.Handle<LearnedAccessBindings, LearnedAccessCommand>(StreamOf(m),
            new LearnGrant(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, m.OccurredAt), context.CancellationToken);
    }
}
