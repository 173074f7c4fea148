namespace Partnership.CustomerService.Onboarding.Expiring;

public sealed class InvitationExpiryOptions
{
    public const string Section = "Customer";

    /// <summary>How long an invitation may wait for the customer's answer (from the creation, or the last reinvitation).</summary>
    public TimeSpan InvitationExpiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweeper looks for due invitations; an invitation expires at most this late.</summary>
    public TimeSpan InvitationExpiryCheckEvery { get; set; } = TimeSpan.FromMinutes(1);
}
