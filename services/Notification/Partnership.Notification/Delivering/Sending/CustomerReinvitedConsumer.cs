using MassTransit;
using Partnership.Notification.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.Notification.Delivering.Sending;

/// <summary>
/// The partner invited the customer again: the new invitation gets its own single confirmation email, in its own stream
/// (customer and invitation number), so neither the first invitation's email nor a redelivery of this message sends twice.
/// </summary>
public sealed class CustomerReinvitedConsumer(SendConfirmationEmailHandler handler, ILogger<CustomerReinvitedConsumer> logger)
    : IStreamConsumer<CustomerReinvitedIntegrationEvent>
{
    public static string StreamOf(CustomerReinvitedIntegrationEvent message) => ConfirmationEmailIds.Stream(message.CustomerId ?? "", message.Invitation);

    public async Task Consume(ConsumeContext<CustomerReinvitedIntegrationEvent> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.CustomerId) || string.IsNullOrWhiteSpace(message.CustomerEmail)
            || string.IsNullOrWhiteSpace(message.InviteLink) || message.Invitation < 2)
        {
            // Retrying cannot fix the message; nothing can be sent for it.
            logger.LogError("CustomerReinvited {MessageId} lacks a customer ID, email, invite link or a reinvitation number; no confirmation email",
                context.MessageId);
            return;
        }
        await handler.Handle(message.CustomerId, message.Invitation, message.CustomerEmail, message.InviteLink, context.CancellationToken);
    }
}
