using Grpc.Core;
using Partnership.Contracts.Notification.V1;
using Partnership.Notification.Delivering.Reading;

namespace Partnership.Notification.Api;

/// <summary>For operators: which confirmation emails went, failed, or may have gone.</summary>
public sealed class ConfirmationEmailsService(DeliveryQueries queries) : ConfirmationEmails.ConfirmationEmailsBase
{
    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        var deliveries = await queries.List(DeliveryMapping.FromProto(request.State), context.CancellationToken);
        var response = new ListDeliveriesResponse();
        response.Deliveries.AddRange(deliveries.Select(DeliveryMapping.ToProto));
        return response;
    }
}
