using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Opening;

/// <summary>A new customer record gets its partner subaccount: one per record, in paid mode.</summary>
public sealed class CustomerCreatedConsumer(IEventStore store, TimeProvider clock) : IConsumer<Contract.CustomerCreated>
{
    public Task Consume(ConsumeContext<Contract.CustomerCreated> context)
    {
        var message = context.Message;
        var id = BillingAccountIds.Subaccount(message.CustomerId);
        var open = new OpenSubaccount(id, message.PartnerAccountId, message.CustomerAccountId, message.CustomerId, clock.GetUtcNow());
        return store.OpenOnceAsync(id, open, context.CancellationToken);
    }
}
