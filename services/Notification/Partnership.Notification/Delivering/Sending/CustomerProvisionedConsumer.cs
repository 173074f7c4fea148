using MassTransit;
using Contract = Partnership.Contracts.IntegrationEvents;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>
/// The customer record knows its subaccount: ask the customer to confirm. Safe under redelivery,
/// duplicates and competing instances: the handler sends only after winning the intent append.
/// </summary>
public sealed class CustomerProvisionedConsumer(SendConfirmationEmailHandler handler, ILogger<CustomerProvisionedConsumer> logger)
    : IConsumer<Contract.CustomerProvisioned>
{
    public async Task Consume(ConsumeContext<Contract.CustomerProvisioned> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.CustomerId) || string.IsNullOrWhiteSpace(message.CustomerEmail)
            || string.IsNullOrWhiteSpace(message.InviteLink))
        {
            // Retrying cannot fix the message; nothing can be sent for it.
            logger.LogError("CustomerProvisioned {MessageId} lacks a customer ID, email or invite link; no confirmation email", context.MessageId);
            return;
        }
        await handler.Handle(message.CustomerId, message.CustomerEmail, message.InviteLink, context.CancellationToken);
    }
}
