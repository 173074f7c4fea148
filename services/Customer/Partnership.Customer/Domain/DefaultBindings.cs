namespace Partnership.CustomerService.Domain;

/// <summary>A role onboarding grants on the customer's subaccount or organization, as Identity/Roles announced it.</summary>
public sealed record DefaultBinding(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId);

/// <summary>
/// The four role bindings onboarding gives (process step 3, announced in step 4): on the subaccount billing.accounts.owner to the partner
/// and admin to the customer; on the organization organization-manager.organizations.owner to both. Type and role names
/// are Identity/Roles' wire values (AccessBindingGranted).
/// </summary>
public static class DefaultBindings
{
    public const string BillingAccount = "billing-account";
    public const string Organization = "organization";
    public const string BillingAccountsOwner = "billing.accounts.owner";
    public const string Admin = "admin";
    public const string OrganizationsOwner = "organization-manager.organizations.owner";

    /// <summary>
    /// What provisioning waits for once the subaccount and organization are known. After a decline the partner's two are
    /// not expected: Identity/Roles revokes them, or never grants them when the decline overtook the grant.
    /// </summary>
    public static IReadOnlyList<DefaultBinding> Expected(CustomerRecord r)
    {
        if (r.SubaccountId is not { } subaccount || r.OrganizationId is not { } organization) return [];
        var customers = new[]
        {
            new DefaultBinding(BillingAccount, subaccount, r.CustomerAccountId, Admin),
            new DefaultBinding(Organization, organization, r.CustomerAccountId, OrganizationsOwner),
        };
        return r.Status == CustomerStatus.Declined
            ? customers
            : [new(BillingAccount, subaccount, r.PartnerAccountId, BillingAccountsOwner), .. customers,
                new(Organization, organization, r.PartnerAccountId, OrganizationsOwner)];
    }

    /// <summary>Whether a grant is one of the four for this record (by type, subject and role; the resource is checked at completion).</summary>
    public static bool IsDefault(CustomerRecord r, string resourceType, string subjectAccountId, string roleId) =>
        (resourceType, roleId) switch
        {
            (BillingAccount, BillingAccountsOwner) => subjectAccountId == r.PartnerAccountId,
            (BillingAccount, Admin) => subjectAccountId == r.CustomerAccountId,
            (Organization, OrganizationsOwner) => subjectAccountId == r.PartnerAccountId || subjectAccountId == r.CustomerAccountId,
            _ => false,
        };
}
