using Grpc.Core;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Accounts.Charging;
using Partnership.BillingAccount.Accounts.Paying;
using Partnership.BillingAccount.Clouds.Creating;
using Partnership.BillingAccount.Clouds.Linkability;
using Partnership.BillingAccount.Clouds.Linking;
using Partnership.BillingAccount.Clouds.Reading;
using Partnership.Contracts.Billing.V1;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authentication;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.Api;

public sealed class CloudsService(CreateCloudHandler create, LinkCloudHandler link, RecordChargeHandler charge, PayOutstandingHandler pay,
    CloudQueries clouds, LinkabilityQueries linkability, IOptions<BillingOptions> billing) : Proto.Clouds.CloudsBase
{
    private string DefaultCurrency => billing.Value.Currency;

    public override async Task<Cloud> CreateCloud(CreateCloudRequest request, ServerCallContext context)
    {
        var result = await create.Handle(context.CallerAccountId(), request.RequestId, request.Name, request.OrganizationId,
            request.BillingAccountId, context.CancellationToken);
        return CloudMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Cloud> GetCloud(GetCloudRequest request, ServerCallContext context)
    {
        var (cloud, version) = await clouds.Get(context.CallerAccountId(), request.CloudId, context.CancellationToken);
        return CloudMapping.ToProto(cloud, version);
    }

    public override async Task<ListLinkableCloudsResponse> ListLinkableClouds(ListLinkableCloudsRequest request, ServerCallContext context)
    {
        var paging = Paging.Compatible(request.PageSize, request.PageToken, Paging.Everything);
        // Linkability is judged per cloud in memory, so the page is cut from the judged list.
        var (page, next) = paging.Page(await linkability.ListLinkable(context.CallerAccountId(), request.SubaccountId, context.CancellationToken));
        var response = new ListLinkableCloudsResponse { NextPageToken = next };
        response.Clouds.AddRange(page.Select(CloudMapping.ToProto));
        return response;
    }

    public override async Task<Linkability> CheckLinkable(CheckLinkableRequest request, ServerCallContext context) =>
        CloudMapping.ToProto(await linkability.Check(context.CallerAccountId(), request.SubaccountId, request.CloudId, context.CancellationToken));

    public override async Task<LinkCloudResponse> LinkCloud(LinkCloudRequest request, ServerCallContext context)
    {
        var outcome = await link.Handle(context.CallerAccountId(), request.CloudId, request.BillingAccountId, context.CancellationToken);
        return new LinkCloudResponse
        {
            Cloud = CloudMapping.ToProto(outcome.Cloud, outcome.Version), Moved = outcome.Moved,
            // Only a call that moved the cloud has a previous account to report.
            PreviousBillingAccountId = outcome.PreviousBillingAccountId ?? "",
            PreviousAccountOutstanding = outcome.PreviousOwes is { } owes
                ? BillingAccountMapping.Money(owes.Amount, owes.Currency, DefaultCurrency)
                : null,
        };
    }

    public override async Task<Proto.BillingAccount> RecordCharge(RecordChargeRequest request, ServerCallContext context)
    {
        var result = await charge.Handle(request.RequestId, request.CloudId, request.Amount, context.CancellationToken);
        return BillingAccountMapping.ToProto(result.State, result.Version, DefaultCurrency);
    }

    public override async Task<Proto.BillingAccount> PayOutstanding(PayOutstandingRequest request, ServerCallContext context)
    {
        var result = await pay.Handle(context.CallerAccountId(), request.BillingAccountId, request.Amount, request.PaymentReference,
            request.HasExpectedVersion ? request.ExpectedVersion : null, context.CancellationToken);
        return BillingAccountMapping.ToProto(result.State, result.Version, DefaultCurrency);
    }
}
