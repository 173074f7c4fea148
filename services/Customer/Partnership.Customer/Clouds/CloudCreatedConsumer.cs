using MassTransit;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Messaging;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Clouds;

/// <summary>
/// A cloud created straight in a partner subaccount is billed to it as much as a linked one: the customer record
/// lists it too. Idempotent through <see cref="TrackCloud"/> (a cloud already listed changes nothing).
/// </summary>
public sealed class CloudCreatedConsumer(CommandHandler commands, IEventStore store, TimeProvider clock) : IStreamConsumer<Contract.CloudCreated>
{
    // One lane per billing account: clouds created in one subaccount reach its record one at a time.
    public static string StreamOf(Contract.CloudCreated message) => CustomerIds.SubaccountIndexStream(message.BillingAccountId);

    public async Task Consume(ConsumeContext<Contract.CloudCreated> context)
    {
        var message = context.Message;
        // Only partner subaccounts have a customer record; a cloud created elsewhere is not ours to track.
        var index = await store.ReadStream(StreamOf(message), context.CancellationToken);
        if (index.Events.Select(e => e.Data).OfType<SubaccountIndexed>().FirstOrDefault() is not { } indexed) return;
        await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(indexed.CustomerId),
            new TrackCloud(message.CloudId, InSubaccount: true, clock.GetUtcNow()), context.CancellationToken);
    }
}
