using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Partnership.Contracts.Customers.V1;
using Partnership.CustomerService.Domain;
using Partnership.CustomerService.Onboarding.Confirming;
using Partnership.CustomerService.Onboarding.Creating;
using Partnership.CustomerService.Onboarding.Ending;
using Partnership.CustomerService.Onboarding.Expiring;
using Partnership.CustomerService.Onboarding.Reading;
using Partnership.CustomerService.Onboarding.Suspending;
using Partnership.ServiceDefaults.Authentication;
using Proto = Partnership.Contracts.Customers.V1;

namespace Partnership.CustomerService.Api;

public sealed class CustomersService(CreateCustomerHandler create, InviteAnswerHandler invite, EndPartnershipHandler end, SuspensionHandler suspension,
    ReinviteHandler reinvite, CustomerQueries queries, CustomerWatch watch, IOptions<PortalOptions> portal) : Customers.CustomersBase
{
    public override async Task<Proto.Customer> CreateCustomer(CreateCustomerRequest request, ServerCallContext context)
    {
        var result = await create.Handle(context.CallerAccountId(), request.RequestId, request.Name, request.Email, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> GetCustomer(GetCustomerRequest request, ServerCallContext context)
    {
        var (record, version) = await queries.Get(context.CallerAccountId(), request.CustomerId, context.CancellationToken);
        return CustomerMapping.ToProto(record, version);
    }

    public override Task WatchCustomer(WatchCustomerRequest request, IServerStreamWriter<Proto.Customer> responseStream, ServerCallContext context) =>
        watch.Follow(context.CallerAccountId(), request.CustomerId,
            (record, version) => responseStream.WriteAsync(CustomerMapping.ToProto(record, version), context.CancellationToken),
            context.CancellationToken);

    public override async Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        var page = await queries.List(context.CallerAccountId(), request.PageSize, request.PageToken,
            CustomerMapping.FromProto(request.Status), request.Query, context.CancellationToken);
        var response = new ListCustomersResponse { NextPageToken = page.NextPageToken };
        response.Customers.AddRange(page.Customers.Select(CustomerMapping.ToProto));
        return response;
    }

    public override async Task<InviteLink> GetInviteLink(GetInviteLinkRequest request, ServerCallContext context)
    {
        var caller = context.CallerAccountId();
        var (record, _) = await queries.Get(caller, request.CustomerId, context.CancellationToken);
        var url = InviteLinks.ForPartner(record, caller, portal.Value.BaseUrl);
        return new InviteLink { Url = url, SubaccountId = record.SubaccountId };
    }

    public override async Task<ListCustomerHistoryResponse> ListCustomerHistory(ListCustomerHistoryRequest request, ServerCallContext context)
    {
        var page = await queries.History(context.CallerAccountId(), request.CustomerId, request.PageSize, request.PageToken,
            context.CancellationToken);
        var response = new ListCustomerHistoryResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Entries.Select(CustomerMapping.ToProto));
        return response;
    }

    public override async Task<Proto.Customer> AcceptInvite(AcceptInviteRequest request, ServerCallContext context)
    {
        var result = await invite.Accept(context.CallerAccountId(), request.SubaccountId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> EndPartnership(EndPartnershipRequest request, ServerCallContext context)
    {
        var result = await end.Handle(context.CallerAccountId(), request.CustomerId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> SuspendPartnership(SuspendPartnershipRequest request, ServerCallContext context)
    {
        var result = await suspension.Suspend(context.CallerAccountId(), request.CustomerId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> ResumePartnership(ResumePartnershipRequest request, ServerCallContext context)
    {
        var result = await suspension.Resume(context.CallerAccountId(), request.CustomerId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> Reinvite(ReinviteRequest request, ServerCallContext context)
    {
        var result = await reinvite.Handle(context.CallerAccountId(), request.CustomerId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Proto.Customer> DeclineInvite(DeclineInviteRequest request, ServerCallContext context)
    {
        var result = await invite.Decline(context.CallerAccountId(), request.SubaccountId, context.CancellationToken);
        return CustomerMapping.ToProto(result.State, result.Version);
    }
}
