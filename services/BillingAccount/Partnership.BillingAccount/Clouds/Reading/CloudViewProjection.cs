using JasperFx.Events;
using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Clouds.Reading;

public sealed class CloudViewProjection() : StreamViewProjection<CloudView>("cloud-views", CloudIds.FromStream, typeof(CloudCreated), typeof(CloudMoved))
{
    public override CloudView? Evolve(CloudView? view, string id, IEvent e)
    {
        if (e.Data is CloudCreated created)
            return new CloudView
            {
                Id = id, Name = created.Name, OrganizationId = created.OrganizationId, CreatorAccountId = created.CreatorAccountId,
                BillingAccountId = created.BillingAccountId, CreatedAt = created.At, Version = e.Version,
            };
        if (view is null) return null;
        view.Version = e.Version;
        if (e.Data is CloudMoved moved) view.BillingAccountId = moved.To;
        return view;
    }
}
