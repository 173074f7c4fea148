using Grpc.Core;
using Partnership.Contracts.Notification.V1;
using Partnership.EventSourcing;
using Partnership.Notification.Delivering.Reading;

namespace Partnership.Notification.Api;

/// <summary>For operators: which confirmation emails went, failed, or may have gone.</summary>
public sealed class ConfirmationEmailsService(DeliveryQueries queries) : ConfirmationEmails.ConfirmationEmailsBase
{
    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        var paging = Paging.Compatible(request.PageSize, request.PageToken, DeliveryQueries.UnpagedDeliveries);
        var page = await queries.List(DeliveryMapping.FromProto(request.State), request.CustomerId, paging, context.CancellationToken);
        var response = new ListDeliveriesResponse { NextPageToken = page.NextPageToken };
        response.Deliveries.AddRange(page.Deliveries.Select(DeliveryMapping.ToProto));
        return response;
    }
}
