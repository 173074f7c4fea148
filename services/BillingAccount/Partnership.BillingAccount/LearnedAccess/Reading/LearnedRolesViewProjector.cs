using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.LearnedAccess.Reading;

/// <summary>Projects the learned-access streams; they already hold only real changes, in the order they apply.</summary>
public sealed class LearnedRolesViewProjector(IServiceProvider services) : ViewProjector<LearnedRolesView>(services)
{
    public override string SubscriptionName => "learned-roles-views";

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        RoleLearned e => LearnedRolesView.IdFor(e.ResourceType, e.ResourceId, e.SubjectAccountId),
        RoleForgotten e => LearnedRolesView.IdFor(e.ResourceType, e.ResourceId, e.SubjectAccountId),
        _ => null,
    };

    protected override LearnedRolesView? Apply(LearnedRolesView? view, RecordedEvent recorded)
    {
        switch (recorded.Data)
        {
            case RoleLearned e:
                view ??= New(e.ResourceType, e.ResourceId, e.SubjectAccountId);
                if (!view.RoleIds.Contains(e.RoleId)) view.RoleIds = [.. view.RoleIds, e.RoleId];
                return view;
            case RoleForgotten e:
                view ??= New(e.ResourceType, e.ResourceId, e.SubjectAccountId);
                view.RoleIds = view.RoleIds.Where(r => r != e.RoleId).ToList();
                return view;
            default:
                return view;
        }
    }

    private static LearnedRolesView New(string resourceType, string resourceId, string subjectAccountId) =>
        new() { ResourceType = resourceType, ResourceId = resourceId, SubjectAccountId = subjectAccountId };
}
