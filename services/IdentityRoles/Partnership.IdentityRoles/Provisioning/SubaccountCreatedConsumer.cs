using MassTransit;
using Partnership.ServiceDefaults.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Contract = Partnership.Contracts.IntegrationEvents;
using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// On the customer's subaccount: billing.accounts.owner to the partner, admin to the customer. Idempotent:
/// roles already held are not granted again.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<Contract.SubaccountCreated>
{
    public static string StreamOf(Contract.SubaccountCreated message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.SubaccountId);

    public Task Consume(ConsumeContext<Contract.SubaccountCreated> context)
    {
        var message = context.Message;
        var grants = GrantRoles.ForCustomerSubaccount(message.SubaccountId, message.PartnerAccountId, message.CustomerAccountId,
            message.CustomerId, clock.GetUtcNow());
        return commands.Handle<ResourceAccess, AccessCommand>(StreamOf(message), grants,
            context.CancellationToken);
    }
}
