using MassTransit;
using Partnership.Messaging;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Opening;

/// <summary>Every registered account gets its own billing account, in trial mode with the configured initial grant.</summary>
public sealed class AccountRegisteredConsumer(IEventStore store, IOptions<BillingOptions> billing, TimeProvider clock)
    : IStreamConsumer<AccountRegisteredIntegrationEvent>
{
    public static string StreamOf(AccountRegisteredIntegrationEvent message) => BillingAccountIds.Stream(BillingAccountIds.Personal(message.AccountId));

    public Task Consume(ConsumeContext<AccountRegisteredIntegrationEvent> context)
    {
        var accountId = context.Message.AccountId;
        var id = BillingAccountIds.Personal(accountId);
        var open = new OpenPersonalAccount(id, accountId, billing.Value.InitialGrant, billing.Value.Currency, clock.GetUtcNow());
        return store.OpenOnceAsync(id, open, context.CancellationToken);
    }
}
