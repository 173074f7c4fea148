using MassTransit;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The creator of a cloud owns it (resource-manager.clouds.owner): from there the customer can grant the partner a
/// role on the cloud so that the partner may link it. Idempotent: the owner is granted only on a cloud that never had
/// a binding, so a redelivery changes nothing, even after the owner role was handed on.
/// </summary>
public sealed class CloudCreatedConsumer(CommandHandler commands, TimeProvider clock) : IConsumer<Contract.CloudCreated>
{
    public Task Consume(ConsumeContext<Contract.CloudCreated> context)
    {
        var message = context.Message;
        var grant = GrantInitialOwner.ForCreatedCloud(message.CloudId, message.CreatorAccountId, clock.GetUtcNow());
        return commands.Handle<ResourceAccess, AccessCommand>(AccessIds.Stream(grant.ResourceType, grant.ResourceId), grant,
            context.CancellationToken);
    }
}
