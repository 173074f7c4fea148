namespace Partnership.BillingAccount.LearnedAccess.Reading;

/// <summary>
/// The roles one account is known (learned from Identity/Roles' events) to hold on one cloud or billing account:
/// one document per resource and subject, so the linkable list reads a partner's roles on many clouds in one query.
/// </summary>
public sealed class LearnedRolesView
{
    public string Id { get; set; } = "";
    public string ResourceType { get; set; } = "";
    public string ResourceId { get; set; } = "";
    public string SubjectAccountId { get; set; } = "";
    public List<string> RoleIds { get; set; } = [];

    public static string IdFor(string resourceType, string resourceId, string subjectAccountId) =>
        $"{resourceType}/{resourceId}/{subjectAccountId}";
}
