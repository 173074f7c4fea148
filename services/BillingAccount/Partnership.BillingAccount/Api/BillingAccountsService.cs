using Grpc.Core;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Accounts.Reading;
using Partnership.BillingAccount.Accounts.Switching;
using Partnership.Contracts.Billing.V1;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authentication;
using Proto = Partnership.Contracts.Billing.V1;

namespace Partnership.BillingAccount.Api;

public sealed class BillingAccountsService(BillingAccountQueries queries, SwitchToPaidConsumptionHandler switchToPaid,
    IOptions<BillingOptions> billing) : BillingAccounts.BillingAccountsBase
{
    private string DefaultCurrency => billing.Value.Currency;

    public override async Task<Proto.BillingAccount> GetMyBillingAccount(GetMyBillingAccountRequest request, ServerCallContext context)
    {
        var (record, version) = await queries.GetMine(context.CallerAccountId(), context.CancellationToken);
        return BillingAccountMapping.ToProto(record, version, DefaultCurrency);
    }

    public override async Task<ListBillingAccountsResponse> ListBillingAccounts(ListBillingAccountsRequest request, ServerCallContext context)
    {
        var paging = Paging.Compatible(request.PageSize, request.PageToken, Paging.Everything);
        // A caller sees its own account and its partnerships' subaccounts: few enough to page in memory.
        var (page, next) = paging.Page(await queries.List(context.CallerAccountId(), context.CancellationToken));
        var response = new ListBillingAccountsResponse { NextPageToken = next };
        response.BillingAccounts.AddRange(page.Select(v => BillingAccountMapping.ToProto(v, DefaultCurrency)));
        return response;
    }

    public override async Task<Proto.BillingAccount> GetBillingAccount(GetBillingAccountRequest request, ServerCallContext context)
    {
        var (record, version) = await queries.Get(context.CallerAccountId(), request.BillingAccountId, context.CancellationToken);
        return BillingAccountMapping.ToProto(record, version, DefaultCurrency);
    }

    public override async Task<Proto.BillingAccount> SwitchToPaidConsumption(SwitchToPaidConsumptionRequest request, ServerCallContext context)
    {
        var result = await switchToPaid.Handle(context.CallerAccountId(), context.CancellationToken);
        return BillingAccountMapping.ToProto(result.State, result.Version, DefaultCurrency);
    }
}
