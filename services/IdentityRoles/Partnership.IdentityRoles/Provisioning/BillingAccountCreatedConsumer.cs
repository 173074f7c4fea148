using MassTransit;
using Partnership.ServiceDefaults.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Contract = Partnership.Contracts.IntegrationEvents;
using ResourceTypes = Partnership.Contracts.IntegrationEvents.ResourceTypes;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The account a personal billing account was opened for owns it (billing.accounts.owner), so it can share the
/// account and link its clouds. Partner subaccounts get their owners from SubaccountCreated instead. Idempotent: the
/// owner is granted only on a billing account that never had a binding.
/// </summary>
public sealed class BillingAccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<Contract.BillingAccountCreated>
{
    public static string StreamOf(Contract.BillingAccountCreated message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.BillingAccountId);

    public Task Consume(ConsumeContext<Contract.BillingAccountCreated> context)
    {
        var message = context.Message;
        var grant = GrantInitialOwner.ForCreatedBillingAccount(message.BillingAccountId, message.OwnerAccountId, clock.GetUtcNow());
        return commands.Handle<ResourceAccess, AccessCommand>(StreamOf(message), grant,
            context.CancellationToken);
    }
}
