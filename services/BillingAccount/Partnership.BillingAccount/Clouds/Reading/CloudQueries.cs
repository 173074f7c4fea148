using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Clouds.Reading;

public sealed class CloudQueries(CommandHandler commands)
{
    /// <summary>One cloud, read from its stream (no lag); visible to its creator and to those who may see the account paying for it.</summary>
    public async Task<(CloudRecord Cloud, long Version)> Get(string callerAccountId, string? cloudId, CancellationToken ct)
    {
        if (!CloudIds.IsValid(cloudId)) throw DomainException.Invalid("cloud_id", "must be a cloud ID in b1g... format.");
        var (cloud, version) = await commands.Load<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId!), ct);
        if (!cloud.Exists) throw DomainException.NotFound($"No cloud {cloudId}.");
        if (cloud.CreatorAccountId != callerAccountId)
        {
            var (account, _) = await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(cloud.BillingAccountId), ct);
            if (!cloud.IsVisibleTo(callerAccountId, account)) throw DomainException.NotFound($"No cloud {cloudId}.");
        }
        return (cloud, version);
    }
}
