namespace Partnership.ServiceDefaults.Authorization;

/// <summary>Whether an account holds partner status at this moment, from the source of truth (Identity/Roles).</summary>
public interface IPartnerDirectory
{
    Task<bool> IsPartner(string accountId, CancellationToken ct);
}
