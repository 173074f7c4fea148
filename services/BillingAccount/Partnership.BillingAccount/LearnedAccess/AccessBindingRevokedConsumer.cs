using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.LearnedAccess;

/// <summary>
/// Forgets a revoked role; idempotent and order-tolerant the same way as the grant (see <see cref="LearnedAccessBindings"/>),
/// and routed the same way: only revokes on clouds and billing accounts, or with no key, reach it.
/// </summary>
[TakesRoutingKeys(ResourceTypes.BillingAccount, ResourceTypes.Cloud)]
public sealed class AccessBindingRevokedConsumer(CommandHandler commands) : IStreamConsumer<AccessBindingRevokedIntegrationEvent>
{
    public static string StreamOf(AccessBindingRevokedIntegrationEvent message) => LearnedAccessIds.Stream(message.ResourceType, message.ResourceId);

    public Task Consume(ConsumeContext<AccessBindingRevokedIntegrationEvent> context)
    {
        var m = context.Message;
        if (!LearnedAccessIds.IsLearned(m.ResourceType)) return Task.CompletedTask;
        return commands.Handle<LearnedAccessBindings, LearnedAccessCommand>(StreamOf(m),
            new LearnRevoke(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, m.OccurredAt), context.CancellationToken);
    }
}
