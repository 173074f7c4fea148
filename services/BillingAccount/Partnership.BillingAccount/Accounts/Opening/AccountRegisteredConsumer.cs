using MassTransit;
using Partnership.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Opening;

/// <summary>Every registered account gets its own billing account, in trial mode with the configured initial grant.</summary>
public sealed class AccountRegisteredConsumer(IEventStore store, IOptions<BillingOptions> billing, TimeProvider clock)
    : IStreamConsumer<Contract.AccountRegistered>
{
    public static string StreamOf(Contract.AccountRegistered message) => BillingAccountIds.Stream(BillingAccountIds.Personal(message.AccountId));

    public Task Consume(ConsumeContext<Contract.AccountRegistered> context)
    {
        var accountId = context.Message.AccountId;
        var id = BillingAccountIds.Personal(accountId);
        var open = new OpenPersonalAccount(id, accountId, billing.Value.InitialGrant, billing.Value.Currency, clock.GetUtcNow());
        return store.OpenOnceAsync(id, open, context.CancellationToken);
    }
}
