using Partnership.EventSourcing.Marten.ReadModels;

namespace Partnership.BillingAccount.Clouds.Reading;

/// <summary>
/// One document per cloud, with the billing account it is bound to: answers "which clouds does this account pay for"
/// and "which clouds did this customer create", which no single stream can.
/// </summary>
public sealed class CloudView : IView
{
    public string Id { get; set; } = "";
    public long LastPosition { get; set; }
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string CreatorAccountId { get; set; } = "";
    public string BillingAccountId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
