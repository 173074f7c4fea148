using Partnership.ServiceDefaults.Authorization;

namespace Partnership.CustomerService.Learning;

/// <summary>
/// Partner status for the caller policy: a partner this service has learned of passes with no remote call; anyone
/// else is asked of Identity/Roles before being refused, so a status assigned a moment ago (its event not consumed
/// yet) is never refused. A withdrawal stops the learned "yes" once its event is consumed (the README's lag rule).
/// </summary>
public sealed class LearnedPartnerDirectory(LearnedFacts learned, IdentityPartnerDirectory live) : IPartnerDirectory
{
    public async Task<bool> IsPartner(string accountId, CancellationToken ct) =>
        (await learned.Account(accountId, ct)).IsPartner || await live.IsPartner(accountId, ct);
}
