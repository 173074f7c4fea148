using MassTransit;
using Partnership.Messaging;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Domain;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Provisioning;

/// <summary>
/// The account a personal billing account was opened for owns it (billing.accounts.owner), so it can share the
/// account and link its clouds. Partner subaccounts get their owners from SubaccountCreated instead. Idempotent: the
/// owner is granted only on a billing account that never had a binding.
/// </summary>
public sealed class BillingAccountCreatedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<BillingAccountCreatedIntegrationEvent>
{
    public static string StreamOf(BillingAccountCreatedIntegrationEvent message) => AccessIds.Stream(ResourceTypes.BillingAccount, message.BillingAccountId);

    public Task Consume(ConsumeContext<BillingAccountCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var grant = GrantInitialOwner.ForCreatedBillingAccount(message.BillingAccountId, message.OwnerAccountId, clock.GetUtcNow());
        return commands.Handle<ResourceAccessBindings, AccessCommand>(StreamOf(message), grant,
            context.CancellationToken);
    }
}
