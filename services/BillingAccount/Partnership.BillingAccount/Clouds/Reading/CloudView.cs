using JasperFx.Core;

namespace Partnership.BillingAccount.Clouds.Reading;

/// <summary>
/// One document per cloud, with the billing account it is bound to: answers "which clouds does this account pay for"
/// and "which clouds did this customer create", which no single stream can.
/// </summary>
public sealed class CloudView
{
    public string Id { get; set; } = "";
    /// <summary>The cloud's stream version, set by the projection (ignored by Marten, which would put the event's global sequence here).</summary>
    [JasperFxIgnore]
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string CreatorAccountId { get; set; } = "";
    public string BillingAccountId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
