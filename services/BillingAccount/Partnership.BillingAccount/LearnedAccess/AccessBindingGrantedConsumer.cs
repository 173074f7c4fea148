using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.LearnedAccess;

/// <summary>
/// Learns a role granted on a cloud or a billing account into this service's own learned-access stream of that
/// resource; a redelivery or a grant overtaken by its revoke changes nothing (see <see cref="ResourceAccess"/>).
/// </summary>
public sealed class AccessBindingGrantedConsumer(CommandHandler commands) : IConsumer<Contract.AccessBindingGranted>
{
    public Task Consume(ConsumeContext<Contract.AccessBindingGranted> context)
    {
        var m = context.Message;
        if (!LearnedAccessIds.IsLearned(m.ResourceType)) return Task.CompletedTask;
        return commands.Handle<ResourceAccess, ResourceAccessCommand>(LearnedAccessIds.Stream(m.ResourceType, m.ResourceId),
            new LearnGrant(m.ResourceType, m.ResourceId, m.SubjectAccountId, m.RoleId, m.OccurredAt), context.CancellationToken);
    }
}
