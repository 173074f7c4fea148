using MassTransit;
using Partnership.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The creator of a cloud owns it (resource-manager.clouds.owner): from there the customer can grant the partner a
/// role on the cloud so that the partner may link it. Idempotent: the owner is granted only on a cloud that never had
/// a binding, so a redelivery changes nothing, even after the owner role was handed on.
/// </summary>
public sealed class CloudCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<CloudCreatedIntegrationEvent>
{
    public static string StreamOf(CloudCreatedIntegrationEvent message) => AccessIds.Stream(ResourceTypes.Cloud, message.CloudId);

    public Task Consume(ConsumeContext<CloudCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var grant = GrantInitialOwner.ForCreatedCloud(message.CloudId, message.CreatorAccountId, clock.GetUtcNow());
        return commands.Handle<ResourceAccessBindings, AccessCommand>(StreamOf(message), grant,
            context.CancellationToken);
    }
}
