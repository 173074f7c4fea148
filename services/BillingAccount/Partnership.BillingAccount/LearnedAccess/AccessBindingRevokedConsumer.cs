using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.LearnedAccess;

/// <summary>Forgets a revoked role; idempotent and order-tolerant the same way as the grant (see <see cref="LearnedResourceAccess"/>).</summary>
public sealed class AccessBindingRevokedConsumer(CommandHandler commands) : IStreamConsumer<Contract.AccessBindingRevoked>
{
    public static string StreamOf(Contract.AccessBindingRevoked message) => LearnedAccessIds.Stream(message.ResourceType, message.ResourceId);

    public Task Consume(ConsumeContext<Contract.AccessBindingRevoked> context)
    {
        var m = context.Message;
        if (!LearnedAccessIds.IsLearned(m.ResourceType)) return Task.CompletedTask;
        return commands.Handle<LearnedResourceAccess, LearnedAccessCommand>(StreamOf(m),
            new LearnRevoke(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, m.OccurredAt), context.CancellationToken);
    }
}
