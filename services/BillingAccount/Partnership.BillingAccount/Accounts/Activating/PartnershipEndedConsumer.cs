using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Activating;

/// <summary>The partnership ended: the subaccount takes no new clouds; those in it stay billed to it. Idempotent.</summary>
public sealed class PartnershipEndedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<PartnershipEndedIntegrationEvent>
{
    public static string StreamOf(PartnershipEndedIntegrationEvent message) => BillingAccountIds.Stream(message.SubaccountId);

    public Task Consume(ConsumeContext<PartnershipEndedIntegrationEvent> context) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(StreamOf(context.Message),
            new EndSubaccountPartnership(clock.GetUtcNow()), context.CancellationToken);
}
