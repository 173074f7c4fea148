using Marten;
using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Clouds.Reading;
using Partnership.BillingAccount.Domain;
using Partnership.BillingAccount.LearnedAccess.Reading;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Clouds.Linkability;

/// <summary>
/// Which of a customer's clouds its partner may link into the subaccount, judged by the roles this service has
/// learned from Identity/Roles' events (so a moment behind it either way; LinkCloud asks Identity/Roles itself).
/// The rules are <see cref="LinkingRules"/>, the same that LinkCloud decides by.
/// </summary>
public sealed class LinkabilityQueries(IQuerySession session, CommandHandler commands, IOptions<LinkingOptions> linking,
    ReadModelFreshness freshness)
{
    private IReadOnlyList<string> CloudRoles => linking.Value.CloudRolesOrDefault();
    private IReadOnlyList<string> BillingAccountRoles => linking.Value.BillingAccountRolesOrDefault();

    /// <summary>
    /// The clouds the subaccount's customer created, or that its personal account pays for, not in the subaccount yet,
    /// that the caller could link now as far as this service knows; oldest first.
    /// </summary>
    public async Task<IReadOnlyList<CloudView>> ListLinkable(string callerAccountId, string? subaccountId, CancellationToken ct)
    {
        var subaccount = await PartnerSubaccount(callerAccountId, subaccountId, ct);
        if (!TakesClouds(subaccount)) return [];
        var customerPersonal = BillingAccountIds.Personal(subaccount.CustomerAccountId);
        var customer = subaccount.CustomerAccountId;
        await freshness.CaughtUp<CloudViewProjection, LearnedRolesViewProjection>(ct);
        var candidates = (await session.Query<CloudView>()
                .Where(v => v.CreatorAccountId == customer || v.BillingAccountId == customerPersonal)
                .ToListAsync(ct))
            .Where(v => v.BillingAccountId != subaccount.BillingAccountId)
            .ToList();
        if (candidates.Count == 0) return [];
        var resourceIds = candidates.Select(v => v.Id).Concat(candidates.Select(v => v.BillingAccountId)).Distinct().ToArray();
        var known = (await session.Query<LearnedRolesView>()
                .Where(v => v.SubjectAccountId == callerAccountId && resourceIds.Contains(v.ResourceId))
                .ToListAsync(ct))
            .ToDictionary(v => (v.ResourceType, v.ResourceId), v => (IReadOnlyList<string>)v.RoleIds);
        IReadOnlyList<string> Known(string type, string id) => known.GetValueOrDefault((type, id)) ?? [];
        return candidates
            .Where(v => Assess(callerAccountId, subaccount, v.BillingAccountId, v.CreatorAccountId,
                Known(ResourceTypes.Cloud, v.Id), Known(ResourceTypes.BillingAccount, v.BillingAccountId)).Reason == LinkReason.Linkable)
            .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether one cloud is linkable into the subaccount by the caller, and if not why; from the streams, no view lag.</summary>
    public async Task<LinkAssessment> Check(string callerAccountId, string? subaccountId, string? cloudId, CancellationToken ct)
    {
        var subaccount = await PartnerSubaccount(callerAccountId, subaccountId, ct);
        if (!CloudIds.IsValid(cloudId)) throw DomainException.Invalid("cloud_id", "must be a cloud ID in b1g... format.");
        var (cloud, _) = await commands.Load<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId!), ct);
        if (!cloud.Exists) throw DomainException.NotFound($"No cloud {cloudId}.");
        var onCloud = await KnownRoles(ResourceTypes.Cloud, cloud.CloudId, callerAccountId, ct);
        var onAccount = await KnownRoles(ResourceTypes.BillingAccount, cloud.BillingAccountId, callerAccountId, ct);
        var assessment = Assess(callerAccountId, subaccount, cloud.BillingAccountId, cloud.CreatorAccountId, onCloud, onAccount);
        // A cloud the caller holds no role on and cannot see otherwise answers exactly as a cloud that does not exist.
        if (assessment.Reason == LinkReason.NoRoleKnown && cloud.BillingAccountId != subaccount.BillingAccountId
            && !(await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(cloud.BillingAccountId), ct))
                .State.IsVisibleTo(callerAccountId))
            throw DomainException.NotFound($"No cloud {cloudId}.");
        return assessment;
    }

    private LinkAssessment Assess(string callerAccountId, BillingAccountRecord subaccount, string currentBillingAccountId,
        string cloudCreatorAccountId, IReadOnlyList<string> knownOnCloud, IReadOnlyList<string> knownOnAccount) =>
        LinkingRules.AssessLearned(callerAccountId, subaccount.BillingAccountId, currentBillingAccountId, knownOnCloud, knownOnAccount,
            CloudRoles, BillingAccountRoles, subaccount.BelongsTo(cloudCreatorAccountId), TakesClouds(subaccount));

    // As LinkCloud decides: a suspended or ended partnership refuses every link into its subaccount.
    private static bool TakesClouds(BillingAccountRecord subaccount) => !subaccount.PartnershipEnded && !subaccount.PartnershipSuspended;

    // Only the partner asks about a subaccount's linkable clouds; to anyone else the subaccount does not exist.
    private async Task<BillingAccountRecord> PartnerSubaccount(string callerAccountId, string? subaccountId, CancellationToken ct)
    {
        if (!BillingAccountIds.IsValid(subaccountId))
            throw DomainException.Invalid("subaccount_id", "must be a billing account ID in dn2... format.");
        var (subaccount, _) = await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(subaccountId!), ct);
        if (!subaccount.IsPartnerSubaccountOf(callerAccountId)) throw DomainException.NotFound($"No partner subaccount {subaccountId} of yours.");
        return subaccount;
    }

    private async Task<IReadOnlyList<string>> KnownRoles(string resourceType, string resourceId, string subjectAccountId, CancellationToken ct)
    {
        var (learned, _) = await commands.Load<LearnedAccessBindings, LearnedAccessCommand>(LearnedAccessIds.Stream(resourceType, resourceId), ct);
        return learned.RolesOf(subjectAccountId);
    }
}
