using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Suspending;

/// <summary>
/// An operator suspended the partnership: the subaccount takes no new clouds until it is resumed. Idempotent, and safe
/// against a resumption overtaking it on the other queue: the customer record version decides which is later.
/// </summary>
public sealed class PartnershipSuspendedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<PartnershipSuspendedIntegrationEvent>
{
    public static string StreamOf(PartnershipSuspendedIntegrationEvent message) => BillingAccountIds.Stream(message.SubaccountId);

    public Task Consume(ConsumeContext<PartnershipSuspendedIntegrationEvent> context) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(StreamOf(context.Message),
            new SuspendSubaccount(context.Message.CustomerVersion, clock.GetUtcNow()), context.CancellationToken);
}

/// <summary>An operator resumed the partnership: the subaccount takes new clouds again. As the suspension, by version.</summary>
public sealed class PartnershipResumedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<PartnershipResumedIntegrationEvent>
{
    // The same lane as the suspension: the two never race on the subaccount's stream.
    public static string StreamOf(PartnershipResumedIntegrationEvent message) => BillingAccountIds.Stream(message.SubaccountId);

    public Task Consume(ConsumeContext<PartnershipResumedIntegrationEvent> context) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(StreamOf(context.Message),
            new ResumeSubaccount(context.Message.CustomerVersion, clock.GetUtcNow()), context.CancellationToken);
}
