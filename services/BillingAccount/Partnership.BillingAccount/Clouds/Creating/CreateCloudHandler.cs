using Partnership.BillingAccount.Accounts.Activating;
using Partnership.BillingAccount.Clouds.Binding;
using Partnership.BillingAccount.Clouds.Linking;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.Contracts.IntegrationEvents;

namespace Partnership.BillingAccount.Clouds.Creating;

/// <summary>
/// Creates a cloud bound to a billing account the caller may pay with, in an organization where it holds a role. The
/// cloud's ID comes from the caller and the request ID, so a retry finds the cloud it created and returns it;
/// Identity/Roles makes the creator the cloud's owner when CloudCreated reaches it.
/// </summary>
public sealed class CreateCloudHandler(CommandHandler commands, CloudBindings bindings, IAccessCheck access, ISubaccountStatus subaccounts,
    TimeProvider clock)
{
    /// <summary>Any role in the organization lets its holder create clouds there.</summary>
    private static readonly IReadOnlyList<string> OrganizationRoles =
        ["organization-manager.organizations.owner", "admin", "editor", "resource-manager.clouds.owner"];

    public async Task<CommandResult<CloudRecord>> Handle(string callerAccountId, string? requestId, string? name, string? organizationId,
        string? billingAccountId, CancellationToken ct)
    {
        var request = ValidCloudRequest.From(requestId, name, organizationId, billingAccountId);
        var cloudId = CloudIds.For(callerAccountId, request.RequestId);
        var (target, _) = await commands.Load<BillingAccountRecord, BillingAccountCommand>(BillingAccountIds.Stream(request.BillingAccountId), ct);
        // Facts from the other services only when the target is one the caller may create clouds in at all.
        var gather = target.MayCreateCloudsIn(callerAccountId);
        var inOrganization = gather
            ? access.Check(ResourceTypes.Organization, request.OrganizationId, callerAccountId, OrganizationRoles, ct)
            : Task.FromResult(RoleCheck.Nothing(OrganizationRoles));
        var billable = gather ? subaccounts.IsBillable(target, ct) : Task.FromResult(false);
        await Task.WhenAll(inOrganization, billable);
        var result = await commands.Handle<CloudRecord, CloudCommand>(CloudIds.Stream(cloudId),
            new CreateCloud(cloudId, request, callerAccountId, target, clock.GetUtcNow(), await billable,
                (await inOrganization).HeldRoleIds.Count > 0), ct);
        // The account lists its new cloud as soon as this answers.
        await bindings.CopyAppended(cloudId, result.Version, result.NewEvents, ct);
        return result;
    }
}
