using MassTransit;
using Partnership.Messaging;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Opening;

/// <summary>A new customer record gets its partner subaccount: one per record, in paid mode.</summary>
public sealed class CustomerCreatedConsumer(IEventStore store, TimeProvider clock) : IStreamConsumer<CustomerCreatedIntegrationEvent>
{
    // The same stream as PartnershipConfirmed's, so an early confirmation waits for the subaccount to be opened.
    public static string StreamOf(CustomerCreatedIntegrationEvent message) => BillingAccountIds.Stream(BillingAccountIds.Subaccount(message.CustomerId));

    public Task Consume(ConsumeContext<CustomerCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var id = BillingAccountIds.Subaccount(message.CustomerId);
        var open = new OpenSubaccount(id, message.PartnerAccountId, message.CustomerAccountId, message.CustomerId, clock.GetUtcNow(),
            message.CustomerName);
        return store.OpenOnceAsync(id, open, context.CancellationToken);
    }
}
