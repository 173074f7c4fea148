using MassTransit;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Clouds;

/// <summary>Keeps the customer record's list of clouds in step with the clouds' billing bindings.</summary>
public sealed class CloudLinkedConsumer(SubaccountClouds clouds) : IConsumer<CloudLinkedIntegrationEvent>
{
    public async Task Consume(ConsumeContext<CloudLinkedIntegrationEvent> context)
    {
        var message = context.Message;
        await clouds.Track(message.FromBillingAccountId, message.CloudId, inSubaccount: false, context.CancellationToken);
        await clouds.Track(message.ToBillingAccountId, message.CloudId, inSubaccount: true, context.CancellationToken);
    }
}
