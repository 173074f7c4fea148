using MassTransit;
using Partnership.CustomerService.Domain;
using Partnership.Messaging;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.CustomerService.Clouds;

/// <summary>
/// A cloud created straight in a partner subaccount is billed to it as much as a linked one: the customer record
/// lists it too. Idempotent through <see cref="TrackCloud"/> (a cloud already listed changes nothing).
/// </summary>
public sealed class CloudCreatedConsumer(SubaccountClouds clouds) : IStreamConsumer<CloudCreatedIntegrationEvent>
{
    // One lane per billing account: clouds created in one subaccount reach its record one at a time.
    public static string StreamOf(CloudCreatedIntegrationEvent message) => CustomerIds.SubaccountIndexStream(message.BillingAccountId);

    public Task Consume(ConsumeContext<CloudCreatedIntegrationEvent> context) =>
        clouds.Track(context.Message.BillingAccountId, context.Message.CloudId, inSubaccount: true, context.CancellationToken);
}
