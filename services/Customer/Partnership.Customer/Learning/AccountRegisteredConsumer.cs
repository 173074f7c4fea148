using MassTransit;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Learning;

/// <summary>Learns which account an email belongs to; a redelivery changes nothing (see <see cref="LearnedEmail"/>).</summary>
public sealed class AccountRegisteredConsumer(CommandHandler commands) : IStreamConsumer<Contract.AccountRegistered>
{
    public static string StreamOf(Contract.AccountRegistered message) => LearnedIds.EmailStream(message.Email);

    public Task Consume(ConsumeContext<Contract.AccountRegistered> context)
    {
        var m = context.Message;
        return commands.Handle<LearnedEmail, LearnAccountEmail>(StreamOf(m), new LearnAccountEmail(m.Email, m.AccountId, m.OccurredAt),
            context.CancellationToken);
    }
}
