using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.LearnedAccess;

/// <summary>Forgets a revoked role; idempotent and order-tolerant the same way as the grant (see <see cref="ResourceAccess"/>).</summary>
public sealed class AccessBindingRevokedConsumer(CommandHandler commands) : IConsumer<Contract.AccessBindingRevoked>
{
    public Task Consume(ConsumeContext<Contract.AccessBindingRevoked> context)
    {
        var m = context.Message;
        if (!LearnedAccessIds.IsLearned(m.ResourceType)) return Task.CompletedTask;
        return commands.Handle<ResourceAccess, ResourceAccessCommand>(LearnedAccessIds.Stream(m.ResourceType, m.ResourceId),
            new LearnRevoke(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, m.OccurredAt), context.CancellationToken);
    }
}
