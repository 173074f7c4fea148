using MassTransit;
using Partnership.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// On the customer's subaccount: billing.accounts.owner to the partner, admin to the customer. Idempotent:
/// roles already held are not granted again.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<SubaccountCreatedIntegrationEvent>
{
    public static string StreamOf(SubaccountCreatedIntegrationEvent message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.SubaccountId);

    public Task Consume(ConsumeContext<SubaccountCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var grants = GrantRoles.ForCustomerSubaccount(message.SubaccountId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, clock.GetUtcNow());
        return commands.Handle<ResourceAccessBindings, AccessCommand>(StreamOf(message), grants,
            context.CancellationToken);
    }
}
