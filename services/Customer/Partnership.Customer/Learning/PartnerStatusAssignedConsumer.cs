using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Learning;

/// <summary>Learns that an account holds partner status; idempotent and order-tolerant (see <see cref="LearnedAccount"/>).</summary>
public sealed class PartnerStatusAssignedConsumer(CommandHandler commands) : IStreamConsumer<PartnerStatusAssignedIntegrationEvent>
{
    public static string StreamOf(PartnerStatusAssignedIntegrationEvent message) => LearnedIds.AccountStream(message.AccountId);

    public Task Consume(ConsumeContext<PartnerStatusAssignedIntegrationEvent> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedAccount, LearnedAccountCommand>(StreamOf(m), new LearnPartnerStatus(m.AccountId, Partner: true, m.OccurredAt), context.CancellationToken);
    }
}
