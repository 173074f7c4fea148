using MassTransit;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Accounts.Activating;

/// <summary>The customer confirmed the partnership: its subaccount may pay for clouds from now on. Idempotent.</summary>
public sealed class PartnershipConfirmedConsumer(CommandHandler commands, TimeProvider clock) : IConsumer<Contract.PartnershipConfirmed>
{
    public Task Consume(ConsumeContext<Contract.PartnershipConfirmed> context) =>
        commands.Handle<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(context.Message.SubaccountId),
            new ActivateSubaccount(clock.GetUtcNow()), context.CancellationToken);
}
