using MassTransit;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// On the customer's subaccount: billing.accounts.owner to the partner, admin to the customer. Idempotent:
/// roles already held are not granted again.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IConsumer<Contract.SubaccountCreated>
{
    public Task Consume(ConsumeContext<Contract.SubaccountCreated> context)
    {
        var message = context.Message;
        var grants = GrantRoles.ForCustomerSubaccount(message.SubaccountId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, clock.GetUtcNow());
        return commands.Handle<ResourceAccess, AccessCommand>(AccessIds.Stream(grants.ResourceType, grants.ResourceId), grants,
            context.CancellationToken);
    }
}
