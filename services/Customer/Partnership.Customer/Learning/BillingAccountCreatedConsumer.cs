using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Learning;

/// <summary>An account's own billing account opens in trial mode: learned as "not paid", so a late creation never overrides a switch.</summary>
public sealed class BillingAccountCreatedConsumer(CommandHandler commands) : IStreamConsumer<BillingAccountCreatedIntegrationEvent>
{
    public static string StreamOf(BillingAccountCreatedIntegrationEvent message) => LearnedIds.AccountStream(message.OwnerAccountId);

    public Task Consume(ConsumeContext<BillingAccountCreatedIntegrationEvent> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedAccount, LearnedAccountCommand>(StreamOf(m), new LearnPaidMode(m.OwnerAccountId, Paid: false, m.OccurredAt), context.CancellationToken);
    }
}
