using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Learning;

/// <summary>Learns that an account's own billing account is in paid consumption mode.</summary>
public sealed class SwitchedToPaidConsumptionConsumer(CommandHandler commands) : IStreamConsumer<SwitchedToPaidConsumptionIntegrationEvent>
{
    public static string StreamOf(SwitchedToPaidConsumptionIntegrationEvent message) => LearnedIds.AccountStream(message.OwnerAccountId);

    public Task Consume(ConsumeContext<SwitchedToPaidConsumptionIntegrationEvent> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedAccount, LearnedAccountCommand>(StreamOf(m), new LearnPaidMode(m.OwnerAccountId, Paid: true, m.OccurredAt), context.CancellationToken);
    }
}
