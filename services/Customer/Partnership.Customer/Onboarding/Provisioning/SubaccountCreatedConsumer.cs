using MassTransit;
using Microsoft.Extensions.Options;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Onboarding.Provisioning;

/// <summary>
/// Records the subaccount on the customer record. Idempotent: the index stream is started once (a
/// second start finds it there) and the record keeps the first subaccount it was given.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, IEventStore store, IOptions<PortalOptions> portal,
    TimeProvider clock) : IStreamConsumer<SubaccountCreatedIntegrationEvent>
{
    public static string StreamOf(SubaccountCreatedIntegrationEvent message) => CustomerIds.Stream(message.CustomerId);

    public async Task Consume(ConsumeContext<SubaccountCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var now = clock.GetUtcNow();
        try
        {
            await store.AppendToStream(CustomerIds.SubaccountIndexStream(message.SubaccountId), ExpectedVersion.NoStream,
                [new SubaccountIndexed(message.SubaccountId, message.CustomerId, now)], context.CancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            // Indexed by an earlier delivery of this message.
        }
        await commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(message),
            new AssignSubaccount(message.SubaccountId, portal.Value.BaseUrl, now), context.CancellationToken);
    }
}
