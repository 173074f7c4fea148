using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Learning;

/// <summary>Learns which account an email belongs to; a redelivery changes nothing (see <see cref="LearnedEmail"/>).</summary>
public sealed class AccountRegisteredConsumer(CommandHandler commands) : IStreamConsumer<AccountRegisteredIntegrationEvent>
{
    public static string StreamOf(AccountRegisteredIntegrationEvent message) => LearnedIds.EmailStream(message.Email);

    public Task Consume(ConsumeContext<AccountRegisteredIntegrationEvent> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedEmail, LearnAccountEmail>(StreamOf(m), new LearnAccountEmail(m.Email, m.AccountId, m.OccurredAt),
            context.CancellationToken);
    }
}
