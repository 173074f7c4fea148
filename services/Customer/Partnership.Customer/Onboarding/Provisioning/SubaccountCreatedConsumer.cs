using MassTransit;
using Microsoft.Extensions.Options;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Onboarding.Provisioning;

/// <summary>
/// Records the subaccount on the customer record. Idempotent: the index stream is started once (a
/// second start finds it there) and the record keeps the first subaccount it was given.
/// </summary>
public sealed class SubaccountCreatedConsumer(CommandHandler commands, IEventStore store, IOptions<PortalOptions> portal,
    TimeProvider clock) : IConsumer<Contract.SubaccountCreated>
{
    public async Task Consume(ConsumeContext<Contract.SubaccountCreated> context)
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
        await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(message.CustomerId),
            new AssignSubaccount(message.SubaccountId, portal.Value.BaseUrl, now), context.CancellationToken);
    }
}
