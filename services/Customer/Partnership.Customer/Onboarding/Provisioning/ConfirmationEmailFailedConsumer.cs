using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.EventSourcing;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Onboarding.Provisioning;

/// <summary>
/// The one provisioning step that can be refused for good today: the confirmation email. The record says so (FAILED,
/// with Notification's reason) while the invitation awaits an answer. Idempotent: recorded once.
/// </summary>
public sealed class ConfirmationEmailFailedConsumer(CommandHandler commands, TimeProvider clock) : IStreamConsumer<ConfirmationEmailFailedIntegrationEvent>
{
    public static string StreamOf(ConfirmationEmailFailedIntegrationEvent message) => CustomerIds.Stream(message.CustomerId);

    public Task Consume(ConsumeContext<ConfirmationEmailFailedIntegrationEvent> context) =>
        commands.Handle<CustomerRecord, CustomerCommand>(StreamOf(context.Message),
            new RecordEmailFailure(context.Message.Reason, clock.GetUtcNow()), context.CancellationToken);
}
