namespace Partnership.CustomerService.Domain;

/// <summary>How far onboarding provisioned a record; separate from its status (see README, "Provisioning").</summary>
public enum ProvisioningStatus
{
    /// <summary>From creation until every step is done.</summary>
    InProgress,
    /// <summary>Subaccount, organization, the four default role bindings, confirmation email asked for.</summary>
    Complete,
    /// <summary>A step was refused for good; the reason says which.</summary>
    Failed,
}
