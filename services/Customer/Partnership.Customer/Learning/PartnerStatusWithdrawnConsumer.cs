using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Learning;

/// <summary>Learns that an account lost partner status: CreateCustomer stops trusting it from this commit on (the README's lag rule).</summary>
public sealed class PartnerStatusWithdrawnConsumer(CommandHandler commands) : IStreamConsumer<PartnerStatusWithdrawnIntegrationEvent>
{
    public static string StreamOf(PartnerStatusWithdrawnIntegrationEvent message) => LearnedIds.AccountStream(message.AccountId);

    public Task Consume(ConsumeContext<PartnerStatusWithdrawnIntegrationEvent> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedAccount, LearnedAccountCommand>(StreamOf(m), new LearnPartnerStatus(m.AccountId, Partner: false, m.OccurredAt), context.CancellationToken);
    }
}
