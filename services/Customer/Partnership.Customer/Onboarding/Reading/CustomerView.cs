using JasperFx.Core;
using Partnership.CustomerService.Domain;

namespace Partnership.CustomerService.Onboarding.Reading;

/// <summary>The partner's list of customers: one document per customer record.</summary>
public sealed class CustomerView
{
    public string Id { get; set; } = "";
    /// <summary>The record's stream version, set by the projection (ignored by Marten, which would put the event's global sequence here).</summary>
    [JasperFxIgnore]
    public long Version { get; set; }
    public string PartnerAccountId { get; set; } = "";
    public string CustomerAccountId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Lowercased name and email, for case-insensitive search.</summary>
    public string SearchText { get; set; } = "";
    public string Email { get; set; } = "";
    public CustomerStatus Status { get; set; }
    public string? SubaccountId { get; set; }
    public string? OrganizationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>When the current invitation was made: what the expiry sweeper looks for.</summary>
    public DateTimeOffset InvitedAt { get; set; }
    public int Invitation { get; set; } = 1;
    public List<string> CloudIds { get; set; } = [];
    public ProvisioningStatus Provisioning { get; set; }
    public string? ProvisioningFailureReason { get; set; }
    /// <summary>Created by a build that records completion; a record from before is complete once subaccount and organization are known.</summary>
    public bool TracksBindings { get; set; }
}
