using Microsoft.Extensions.Options;
using Partnership.BillingAccount.Accounts.Activating;
using Partnership.BillingAccount.Clouds.Binding;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Authorization;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Clouds.Linking;

/// <param name="Moved">False when the cloud was on the target already (this call recorded nothing).</param>
/// <param name="PreviousBillingAccountId">The account it moved from; null when it did not move.</param>
/// <param name="PreviousOwes">What that account owed at the move (its charges so far stay there); null when it did not move.</param>
public sealed record LinkOutcome(CloudRecord Cloud, long Version, bool Moved, string? PreviousBillingAccountId, Owing? PreviousOwes);

/// <summary>
/// Binds a cloud to another billing account. The roles are asked of Identity/Roles at this moment (what this service
/// has learned may be stale either way), then the move is appended to the cloud stream at the version it was decided on.
/// </summary>
public sealed class LinkCloudHandler(CommandHandler commands, IAccessCheck access, CloudBindings bindings,
    IOptions<LinkingOptions> linking, IOptions<BillingOptions> billing, IPartnerDirectory partners, ISubaccountStatus subaccounts,
    TimeProvider clock)
{
    public async Task<LinkOutcome> Handle(string callerAccountId, string? cloudId, string? targetBillingAccountId, CancellationToken ct)
    {
        if (!CloudIds.IsValid(cloudId)) throw DomainException.Invalid("cloud_id", "must be a cloud ID in b1g... format.");
        if (!BillingAccountIds.IsValid(targetBillingAccountId))
            throw DomainException.Invalid("billing_account_id", "must be a billing account ID in dn2... format.");
        var target = await LoadAccount(targetBillingAccountId!, ct);
        // About the target and the caller, not the cloud: asked once, and only when a move is to be decided.
        Task<bool>? targetBillable = null, callerIsPartner = null;
        LinkPlan? plan = null;
        Owing? owes = null;
        // Of two concurrent links one records the move; the other decides again on what it finds, asking again about
        // where the cloud is now.
        var result = await commands.Handle<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId!), async (cloud, token) =>
        {
            plan = CloudRecord.PlanLink(callerAccountId, targetBillingAccountId!, target, cloud, cloudId!);
            // Already there: answered without asking Identity/Roles, so it succeeds even while that is down.
            if (plan.AlreadyThere) return null;
            targetBillable ??= subaccounts.IsBillable(target, token);
            callerIsPartner ??= target.IsPartnerSubaccountOf(callerAccountId) ? partners.IsPartner(callerAccountId, token) : Task.FromResult(false);
            var facts = await AskAccess(callerAccountId, cloud.CloudId, plan, token);
            var current = await LoadAccount(plan.CurrentBillingAccountId, token);
            owes = new Owing(current.Outstanding, current.CurrencyOr(billing.Value.Currency));
            return new LinkCloud(callerAccountId, targetBillingAccountId!, target, facts, owes, clock.GetUtcNow(),
                await targetBillable, await callerIsPartner, current.IsVisibleTo(callerAccountId));
        }, ct);
        if (result.NewEvents.Count == 0) return new LinkOutcome(result.State, result.Version, false, null, null);
        // Both accounts' cloud lists follow as soon as this answers.
        await bindings.CopyAppended(result.State.CloudId, result.Version, result.NewEvents, ct);
        return new LinkOutcome(result.State, result.Version, true, plan!.CurrentBillingAccountId, owes);
    }

    // Both questions go out together; either failing to get an answer fails the link (UNAVAILABLE, nothing changed).
    private async Task<LinkAccess> AskAccess(string callerAccountId, string cloudId, LinkPlan plan, CancellationToken ct)
    {
        var onCloud = access.Check(ResourceTypes.Cloud, cloudId, callerAccountId, linking.Value.CloudRolesOrDefault(), ct);
        var onAccount = plan.NeedsBillingAccountRole
            ? access.Check(ResourceTypes.BillingAccount, plan.CurrentBillingAccountId, callerAccountId,
                linking.Value.BillingAccountRolesOrDefault(), ct)
            : null;
        await Task.WhenAll(onAccount is null ? [onCloud] : [onCloud, onAccount]);
        return new LinkAccess(plan.CurrentBillingAccountId, await onCloud, onAccount is null ? null : await onAccount);
    }

    private async Task<BillingAccountRecord> LoadAccount(string billingAccountId, CancellationToken ct) =>
        (await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(billingAccountId), ct)).State;
}
