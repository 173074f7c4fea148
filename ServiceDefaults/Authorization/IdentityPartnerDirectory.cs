using Grpc.Core;
using Partnership.Contracts.Identity.V1;

namespace Partnership.ServiceDefaults.Authorization;

/// <summary>
/// Asks Identity/Roles, with the caller's own token (an account may read itself), whether the caller is a partner
/// now: a withdrawn status counts from the moment Identity/Roles stored it. Identity/Roles unreachable: UNAVAILABLE,
/// nothing decided.
/// </summary>
public sealed class IdentityPartnerDirectory(Accounts.AccountsClient accounts) : IPartnerDirectory
{
    public async Task<bool> IsPartner(string accountId, CancellationToken ct)
    {
        try
        {
            return (await accounts.GetAccountAsync(new GetAccountRequest { AccountId = accountId }, cancellationToken: ct)).Partner;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated))
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "Identity/Roles cannot say now whether the account is a partner; nothing changed, try again."));
        }
    }
}
