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
    public const string CloudsOwner = "resource-manager.clouds.owner";
    public const string CloudsMember = "resource-manager.clouds.member";

    public static IReadOnlyList<string> All { get; } =
        [BillingAccountsOwner, Admin, OrganizationsOwner, Editor, Viewer, CloudsOwner, CloudsMember];
}
