using MassTransit;
using Partnership.Notification.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>
/// The customer record knows its subaccount: ask the customer to confirm. Safe under redelivery,
/// duplicates and competing instances: the handler sends only after winning the intent append.
/// </summary>
public sealed class CustomerProvisionedConsumer(SendConfirmationEmailHandler handler, ILogger<CustomerProvisionedConsumer> logger)
    : IStreamConsumer<CustomerProvisionedIntegrationEvent>
{
    // Duplicates of one customer's message wait for each other instead of racing for the intent append: the loser's
    // conflict would leave a hole in the store's sequence. Competing replicas still race, and the append decides.
    public static string StreamOf(CustomerProvisionedIntegrationEvent message) => ConfirmationEmailIds.Stream(message.CustomerId ?? "");

    public async Task Consume(ConsumeContext<CustomerProvisionedIntegrationEvent> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.CustomerId) || string.IsNullOrWhiteSpace(message.CustomerEmail)
            || string.IsNullOrWhiteSpace(message.InviteLink))
        {
            // Retrying cannot fix the message; nothing can be sent for it.
            logger.LogError("CustomerProvisioned {MessageId} lacks a customer ID, email or invite link; no confirmation email", context.MessageId);
            return;
        }
        await handler.Handle(message.CustomerId, 1, message.CustomerEmail, message.InviteLink, context.CancellationToken);
    }
}
