using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Activating;

/// <summary>The customer confirmed the partnership: its subaccount may pay for clouds from now on. Idempotent.</summary>
public sealed class PartnershipConfirmedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<PartnershipConfirmedIntegrationEvent>
{
    public static string StreamOf(PartnershipConfirmedIntegrationEvent message) => BillingAccountIds.Stream(message.SubaccountId);

    public Task Consume(ConsumeContext<PartnershipConfirmedIntegrationEvent> context) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(StreamOf(context.Message),
            new ActivateSubaccount(clock.GetUtcNow()), context.CancellationToken);
}
