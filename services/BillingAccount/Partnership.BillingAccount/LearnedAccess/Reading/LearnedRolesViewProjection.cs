using JasperFx.Events;
using Marten.Events.Projections;
using Partnership.BillingAccount.Domain;

namespace Partnership.BillingAccount.LearnedAccess.Reading;

/// <summary>
/// Projects the learned-access streams (one per resource) into one document per resource and subject; the streams already
/// hold only real changes, in the order they apply.
/// </summary>
public sealed class LearnedRolesViewProjection : MultiStreamProjection<LearnedRolesView, string>
{
    public LearnedRolesViewProjection()
    {
        Name = "learned-roles-views";
        Identity<RoleLearned>(e => LearnedRolesView.IdFor(e.ResourceType, e.ResourceId, e.SubjectAccountId));
        Identity<RoleForgotten>(e => LearnedRolesView.IdFor(e.ResourceType, e.ResourceId, e.SubjectAccountId));
        IncludeType<RoleLearned>();
        IncludeType<RoleForgotten>();
    }

    public override LearnedRolesView? Evolve(LearnedRolesView? view, string id, IEvent e)
    {
        switch (e.Data)
        {
            case RoleLearned learned:
                view ??= New(learned.ResourceType, learned.ResourceId, learned.SubjectAccountId);
                if (!view.RoleIds.Contains(learned.RoleId)) view.RoleIds = [.. view.RoleIds, learned.RoleId];
                return view;
            case RoleForgotten forgotten:
                view ??= New(forgotten.ResourceType, forgotten.ResourceId, forgotten.SubjectAccountId);
                view.RoleIds = view.RoleIds.Where(r => r != forgotten.RoleId).ToList();
                return view;
            default:
                return view;
        }
    }

    private static LearnedRolesView New(string resourceType, string resourceId, string subjectAccountId) =>
        new() { ResourceType = resourceType, ResourceId = resourceId, SubjectAccountId = subjectAccountId };
}
