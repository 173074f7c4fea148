using Partnership.Contracts.IntegrationEvents;

namespace Partnership.IdentityRoles.Domain;

/// <summary>The roles this service grants, by their IDs in the cloud.</summary>
public static class RoleIds
{
    /// <summary>Owner of a billing account or subaccount (granted to the partner on the customer's subaccount).</summary>
    public const string BillingAccountsOwner = "billing.accounts.owner";

    /// <summary>Full access to a resource (granted to the customer on their subaccount).</summary>
    public const string Admin = "admin";

    /// <summary>Owner of an organization (granted to the partner and the customer on the customer's organization).</summary>
    public const string OrganizationsOwner = "organization-manager.organizations.owner";

    public const string Editor = "editor";
    public const string Viewer = "viewer";

    /// <summary>Owner of a cloud: its creator, and whoever the owner hands the cloud to (a partner, to link it).</summary>
    public const string CloudsOwner = "resource-manager.clouds.owner";

    /// <summary>Member of a cloud: sees it, but cannot manage its access or link it to another billing account.</summary>
    public const string CloudsMember = "resource-manager.clouds.member";

    /// <summary>Sees a billing account (the default role when a billing account is shared).</summary>
    public const string BillingAccountsViewer = "billing.accounts.viewer";

    public const string BillingAccountsEditor = "billing.accounts.editor";

    public static IReadOnlyList<string> All { get; } =
    [
        BillingAccountsOwner, Admin, OrganizationsOwner, Editor, Viewer, CloudsOwner, CloudsMember, BillingAccountsViewer,
        BillingAccountsEditor,
    ];

    public static bool IsKnown(string? roleId) => roleId is not null && All.Contains(roleId);

    /// <summary>
    /// The roles that let their holder change who holds which role on a resource (UpdateAccessBindings). Only clouds
    /// and billing accounts are managed through the API; organizations get their bindings from onboarding alone.
    /// </summary>
    public static IReadOnlyList<string> ManagingRolesOf(string resourceType) => resourceType switch
    {
        ResourceTypes.Cloud => [CloudsOwner, Admin],
        ResourceTypes.BillingAccount => [BillingAccountsOwner, Admin],
        _ => [],
    };

    /// <summary>
    /// What an ADD without a role gives: the least role of the resource type, so forgetting the role never hands out
    /// control (a cloud member cannot link the cloud).
    /// </summary>
    public static string DefaultRoleOf(string resourceType) => resourceType switch
    {
        ResourceTypes.Cloud => CloudsMember,
        ResourceTypes.BillingAccount => BillingAccountsViewer,
        _ => throw new ArgumentOutOfRangeException(nameof(resourceType), resourceType, "Only clouds and billing accounts have a default role."),
    };

    /// <summary>The role the creator of a new resource gets on it.</summary>
    public static string OwnerRoleOf(string resourceType) => resourceType switch
    {
        ResourceTypes.Cloud => CloudsOwner,
        ResourceTypes.BillingAccount => BillingAccountsOwner,
        _ => throw new ArgumentOutOfRangeException(nameof(resourceType), resourceType, "Only clouds and billing accounts have a creator's role."),
    };
}
