namespace Partnership.BillingAccount;

/// <summary>
/// Which roles allow linking a cloud to another billing account: configuration, not code.
/// <list type="bullet">
/// <item><c>Linking:CloudRoles</c>: a role on the cloud itself. Default <c>admin</c>, <c>editor</c>,
/// <c>resource-manager.clouds.owner</c> (so <c>resource-manager.clouds.member</c> and <c>viewer</c> are not enough).</item>
/// <item><c>Linking:BillingAccountRoles</c>: a role on the billing account the cloud is bound to now, needed unless that
/// is the caller's own personal account. Default <c>billing.accounts.owner</c>, <c>billing.accounts.editor</c>,
/// <c>admin</c>, <c>editor</c>: moving clouds (and so their charges) away is an editing act, which a viewer may not do.</item>
/// </list>
/// A configured list replaces the default (e.g. <c>Linking__CloudRoles__0=admin</c> leaves admin only).
/// </summary>
public sealed class LinkingOptions
{
    public const string Section = "Linking";

    public static IReadOnlyList<string> DefaultCloudRoles { get; } = ["admin", "editor", "resource-manager.clouds.owner"];

    public static IReadOnlyList<string> DefaultBillingAccountRoles { get; } =
        ["billing.accounts.owner", "billing.accounts.editor", "admin", "editor"];

    // Empty arrays rather than the defaults: the configuration binder appends configured items to a collection's
    // initial ones, so defaults put here could never be narrowed by configuration.
    public string[] CloudRoles { get; set; } = [];
    public string[] BillingAccountRoles { get; set; } = [];

    public IReadOnlyList<string> CloudRolesOrDefault() => CloudRoles.Length > 0 ? CloudRoles : DefaultCloudRoles;

    public IReadOnlyList<string> BillingAccountRolesOrDefault() =>
        BillingAccountRoles.Length > 0 ? BillingAccountRoles : DefaultBillingAccountRoles;
}
