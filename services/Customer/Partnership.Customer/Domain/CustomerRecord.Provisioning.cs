using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>
/// Provisioning, apart from the status: the steps of onboarding as this record learns them from Billing-Account
/// (subaccount), Identity/Roles (organization, default bindings) and Notification (an email refused for good).
/// </summary>
public sealed partial record CustomerRecord
{
    /// <summary>Complete or Failed once recorded; see <see cref="Provisioning"/> for what a reader is told.</summary>
    public ProvisioningStatus RecordedProvisioning { get; init; }

    /// <summary>Created by a build that follows the default bindings (<see cref="CustomerRecordCreated.TracksBindings"/>).</summary>
    public bool TracksBindings { get; init; }

    public IReadOnlyList<DefaultBinding> GrantedBindings { get; init; } = [];

    /// <summary>
    /// The organization came announced with the default bindings (<see cref="OrganizationAssignedV2"/>, or
    /// <see cref="OrganizationAssigned.WithBindings"/> before it). A
    /// record whose organization came without them (from before, or drained at an upgrade) does not wait for them: no
    /// other message brings them here any more.
    /// </summary>
    public bool BindingsWithOrganization { get; init; }

    public string? ProvisioningFailure { get; init; }

    /// <summary>
    /// Every step done: subaccount (whose assignment is what publishes CustomerProvisioned, the confirmation email's
    /// request), organization, and for a record that follows them the default bindings its organization came with.
    /// </summary>
    public bool IsProvisioned => SubaccountId is not null && OrganizationId is not null
        && (!TracksBindings || !BindingsWithOrganization || DefaultBindings.Expected(this).All(GrantedBindings.Contains));

    /// <summary>What the record says: a record from before this build never records completion, so it is read from the steps.</summary>
    public ProvisioningStatus Provisioning =>
        RecordedProvisioning == ProvisioningStatus.InProgress && Exists && IsProvisioned ? ProvisioningStatus.Complete : RecordedProvisioning;

    private static CustomerRecord EvolveProvisioning(CustomerRecord state, object @event) => @event switch
    {
        DefaultBindingGranted e => state.Granted([new DefaultBinding(e.ResourceType, e.ResourceId, e.SubjectAccountId, e.RoleId)]),
        ProvisioningCompleted => state with { RecordedProvisioning = ProvisioningStatus.Complete },
        ProvisioningFailed e => state with { RecordedProvisioning = ProvisioningStatus.Failed, ProvisioningFailure = e.Reason },
        _ => state,
    };

    private CustomerRecord Granted(IEnumerable<DefaultBinding> bindings) =>
        this with { GrantedBindings = [.. GrantedBindings, .. bindings.Where(b => !GrantedBindings.Contains(b))] };

    /// <summary>The step's events, and the completion when they are what was still missing (recorded once).</summary>
    private static IReadOnlyList<object> Completing(CustomerRecord state, DateTimeOffset now, IReadOnlyList<object> step)
    {
        if (step.Count == 0 || state.RecordedProvisioning != ProvisioningStatus.InProgress) return step;
        var after = step.Fold(state, Evolve);
        return after.IsProvisioned ? [.. step, new ProvisioningCompleted(now)] : step;
    }

    // The first organization wins: a redelivered or duplicated OrganizationCreated changes nothing. Its bindings are
    // recorded with the filter each AccessBindingGranted had before (what is not one of the four is not ours), in the one
    // event; an announcement without them (from a build before them) records the organization alone, as then.
    private static IReadOnlyList<object> AssignOrganization(AssignOrganization c, CustomerRecord state)
    {
        if (!state.Exists || state.OrganizationId is not null) return [];
        if (c.Bindings is null) return [new OrganizationAssigned(c.OrganizationId, c.Now)];
        var bindings = c.Bindings.Distinct()
            .Where(b => !state.GrantedBindings.Contains(b) && DefaultBindings.IsDefault(state, b.ResourceType, b.SubjectAccountId, b.RoleId))
            .ToList();
        return [new OrganizationAssignedV2(c.OrganizationId, bindings, c.Now)];
    }

    // A redelivered grant, a grant that is not one of the four (onboarding may grant more one day) and one for a record
    // this service does not hold change nothing.
    private static IReadOnlyList<object> RecordBinding(RecordBindingGranted c, CustomerRecord state)
    {
        var binding = new DefaultBinding(c.ResourceType, c.ResourceId, c.SubjectAccountId, c.RoleId);
        if (!state.Exists || state.GrantedBindings.Contains(binding) || !DefaultBindings.IsDefault(state, c.ResourceType, c.SubjectAccountId, c.RoleId))
            return [];
        return Completing(state, c.Now, [new DefaultBindingGranted(c.ResourceType, c.ResourceId, c.SubjectAccountId, c.RoleId, c.Now)]);
    }

    // Only while the invitation awaits an answer: once the customer answered, the email no longer matters. Once is enough.
    private static IReadOnlyList<object> RecordEmailFailure(RecordEmailFailure c, CustomerRecord state) =>
        state.Status != CustomerStatus.VerificationRequired || state.RecordedProvisioning == ProvisioningStatus.Failed
            ? []
            : [new ProvisioningFailed($"The confirmation email could not be sent ({c.Reason}); give the customer the invite link (GetInviteLink).", c.Now)];
}
