using MassTransit;
using Partnership.Customer.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Customer.Clouds;

/// <summary>Keeps the customer record's list of clouds in step with the clouds' billing bindings.</summary>
public sealed class CloudLinkedConsumer(CommandHandler commands, IEventStore store, TimeProvider clock) : IConsumer<Contract.CloudLinked>
{
    public async Task Consume(ConsumeContext<Contract.CloudLinked> context)
    {
        var message = context.Message;
        await Track(message.FromBillingAccountId, message.CloudId, inSubaccount: false, context.CancellationToken);
        await Track(message.ToBillingAccountId, message.CloudId, inSubaccount: true, context.CancellationToken);
    }

    private async Task Track(string billingAccountId, string cloudId, bool inSubaccount, CancellationToken ct)
    {
        // Only partner subaccounts have a customer record; other billing accounts are not ours to track.
        var index = await store.ReadStream(CustomerIds.SubaccountIndexStream(billingAccountId), ct);
        if (index.Events.Select(e => e.Data).OfType<SubaccountIndexed>().FirstOrDefault() is not { } indexed) return;
        await commands.Handle<CustomerRecord, CustomerCommand>(CustomerIds.Stream(indexed.CustomerId),
            new TrackCloud(cloudId, inSubaccount, clock.GetUtcNow()), ct);
    }
}
