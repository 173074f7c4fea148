using Grpc.Core;
using Partnership.Contracts.Identity.V1;
using Partnership.IdentityRoles.AccountManagement.PartnerStatus;
using Partnership.IdentityRoles.AccountManagement.Reading;
using Partnership.IdentityRoles.AccountManagement.Registering;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Api;

public sealed class AccountsService(RegisterAccountHandler register, PartnerStatusHandler partnerStatus, AccountQueries queries)
    : Accounts.AccountsBase
{
    public override async Task<Account> RegisterAccount(RegisterAccountRequest request, ServerCallContext context)
    {
        var result = await register.Handle(request.Email, request.DisplayName, context.CancellationToken);
        return IdentityMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        var (account, version) = await queries.Get(context.CallerAccountId(), context.CallerIsOperator(), request.AccountId,
            context.CancellationToken);
        return IdentityMapping.ToProto(account, version);
    }

    public override async Task<Account> FindAccountByEmail(FindAccountByEmailRequest request, ServerCallContext context)
    {
        var (account, version) = await queries.FindByEmail(request.Email, context.CancellationToken);
        return IdentityMapping.ToProto(account, version);
    }

    public override async Task<Account> AssignPartnerStatus(PartnerStatusRequest request, ServerCallContext context)
    {
        var result = await partnerStatus.Assign(request.AccountId, context.CancellationToken);
        return IdentityMapping.ToProto(result.State, result.Version);
    }

    public override async Task<Account> WithdrawPartnerStatus(PartnerStatusRequest request, ServerCallContext context)
    {
        var result = await partnerStatus.Withdraw(request.AccountId, context.CancellationToken);
        return IdentityMapping.ToProto(result.State, result.Version);
    }
}
