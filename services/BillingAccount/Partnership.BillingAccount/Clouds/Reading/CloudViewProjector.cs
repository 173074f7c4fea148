using Partnership.BillingAccount.Domain;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Clouds.Reading;

public sealed class CloudViewProjector(IServiceProvider services) : ViewProjector<CloudView>(services)
{
    public override string SubscriptionName => "cloud-views";

    protected override string? ViewIdFor(RecordedEvent recorded) => recorded.Data switch
    {
        CloudCreated e => e.CloudId,
        CloudMoved => CloudIds.FromStream(recorded.StreamId),
        _ => null,
    };

    protected override CloudView? Apply(CloudView? view, RecordedEvent recorded)
    {
        if (recorded.Data is CloudCreated e)
            return new CloudView
            {
                Name = e.Name, OrganizationId = e.OrganizationId, CreatorAccountId = e.CreatorAccountId,
                BillingAccountId = e.BillingAccountId, CreatedAt = e.At, Version = recorded.StreamVersion,
            };
        if (view is null) return null;
        view.Version = recorded.StreamVersion;
        if (recorded.Data is CloudMoved moved) view.BillingAccountId = moved.To;
        return view;
    }
}
