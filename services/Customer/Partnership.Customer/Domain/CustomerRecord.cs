using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>The customer record: state folded from its stream, and the decisions about it (provisioning in
/// CustomerRecord.Provisioning.cs; ending, suspending and resuming the partnership in CustomerRecord.Lifecycle.cs; expiring
/// and renewing the invitation in CustomerRecord.Invitations.cs).</summary>
public sealed partial record CustomerRecord(
    string CustomerId,
    string PartnerAccountId,
    string CustomerAccountId,
    string Name,
    string Email,
    string RequestId,
    CustomerStatus Status,
    string? SubaccountId,
    string? OrganizationId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ConfirmedAt,
    IReadOnlyList<string> CloudIds) : IDecider<CustomerRecord, CustomerCommand>
{
    public static CustomerRecord Initial { get; } = new("", "", "", "", "", "", CustomerStatus.None, null, null, null, null, []);

    public bool Exists => Status != CustomerStatus.None;

    /// <summary>Which invitation the record is on: 1 from creation, one more for each reinvitation.</summary>
    public int Invitation { get; init; } = 1;

    /// <summary>When the current invitation was made (the creation, or the last reinvitation): its expiry counts from here.</summary>
    public DateTimeOffset? InvitedAt { get; init; }

    public static CustomerRecord Evolve(CustomerRecord state, object @event) => @event switch
    {
        CustomerRecordCreated e => state with
        {
            CustomerId = e.CustomerId, PartnerAccountId = e.PartnerAccountId, CustomerAccountId = e.CustomerAccountId,
            Name = e.Name, Email = e.Email, RequestId = e.RequestId, Status = CustomerStatus.VerificationRequired, CreatedAt = e.At,
            TracksBindings = e.TracksBindings, InvitedAt = e.At,
        },
        SubaccountAssigned e => state with { SubaccountId = e.SubaccountId },
        OrganizationAssigned e => state with { OrganizationId = e.OrganizationId, BindingsWithOrganization = e.WithBindings },
        OrganizationAssignedV2 e => (state with { OrganizationId = e.OrganizationId, BindingsWithOrganization = true }).Granted(e.Bindings),
        PartnershipConfirmed e => state with { Status = CustomerStatus.Active, ConfirmedAt = e.At },
        InvitationDeclined => state with { Status = CustomerStatus.Declined },
        InvitationExpired => state with { Status = CustomerStatus.Expired },
        CustomerReinvited e => state with { Status = CustomerStatus.VerificationRequired, Invitation = e.Invitation, InvitedAt = e.At },
        PartnershipEnded => state with { Status = CustomerStatus.Ended },
        PartnershipSuspended => state with { Status = CustomerStatus.Suspended },
        PartnershipResumed => state with { Status = CustomerStatus.Active },
        DefaultBindingGranted or ProvisioningCompleted or ProvisioningFailed => EvolveProvisioning(state, @event),
        CloudAddedToSubaccount e => state with { CloudIds = [.. state.CloudIds, e.CloudId] },
        CloudRemovedFromSubaccount e => state with { CloudIds = state.CloudIds.Where(c => c != e.CloudId).ToList() },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(CustomerCommand command, CustomerRecord state) => command switch
    {
        CreateCustomer c => Create(c, state),
        AssignSubaccount c => Completing(state, c.Now, AssignSubaccount(c, state)),
        AssignOrganization c => Completing(state, c.Now, AssignOrganization(c, state)),
        RecordBindingGranted c => RecordBinding(c, state),
        RecordEmailFailure c => RecordEmailFailure(c, state),
        AcceptInvite c => Accept(c, state),
        DeclineInvite c => Completing(state, c.Now, Decline(c, state)),
        EndPartnership c => End(c, state),
        SuspendPartnership c => Suspend(c, state),
        ResumePartnership c => Resume(c, state),
        TrackCloud c => TrackCloud(c, state),
        ExpireInvitation c => Expire(c, state),
        Reinvite c => Reinvite(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static IReadOnlyList<object> Create(CreateCustomer c, CustomerRecord state)
    {
        if (!c.PartnerInPaidMode)
            throw DomainException.Precondition(
                "The partner's billing account is not in paid consumption mode: switch to paid consumption mode to add customers.",
                ErrorReasons.PaidModeRequired);
        if (c.CustomerAccountId == c.PartnerAccountId)
            throw DomainException.Invalid("email", "is the partner's own account; a customer must be another account.");
        if (state.Exists)
            return state.RequestId == c.RequestId
                ? []
                : throw DomainException.AlreadyExists($"The partner already has a customer record for {state.Email} ({state.CustomerId}).");
        return [new CustomerRecordCreated(c.CustomerId, c.PartnerAccountId, c.CustomerAccountId, c.Details.Name, c.Details.Email, c.RequestId, c.Now,
            TracksBindings: true)];
    }

    // The first subaccount wins: a redelivered or duplicated SubaccountCreated changes nothing.
    private static IReadOnlyList<object> AssignSubaccount(AssignSubaccount c, CustomerRecord state) =>
        !state.Exists || state.SubaccountId is not null
            ? []
            : [new SubaccountAssigned(c.SubaccountId, state.PartnerAccountId, state.CustomerAccountId, state.Name, state.Email,
                InviteLinks.For(c.PortalBaseUrl, c.SubaccountId), c.Now)];

    // A redelivered CloudLinked finds the cloud already where it says: nothing changes.
    private static IReadOnlyList<object> TrackCloud(TrackCloud c, CustomerRecord state) =>
        !state.Exists || state.CloudIds.Contains(c.CloudId) == c.InSubaccount
            ? []
            : c.InSubaccount ? [new CloudAddedToSubaccount(c.CloudId, c.Now)] : [new CloudRemovedFromSubaccount(c.CloudId, c.Now)];

    private static IReadOnlyList<object> Accept(AcceptInvite c, CustomerRecord state)
    {
        RequireTheCustomer(c, state);
        return state.Status switch
        {
            // Confirmed already (a suspended partnership was confirmed too): a repeat changes nothing.
            CustomerStatus.Active or CustomerStatus.Suspended => [],
            CustomerStatus.Declined => throw DomainException.Precondition("The customer declined this invitation; it can no longer be accepted."),
            CustomerStatus.Expired => throw DomainException.Precondition(ExpiredMessage + " It can no longer be accepted; the partner may invite again."),
            CustomerStatus.Ended => throw DomainException.Precondition("The partnership has ended; its invitation can no longer be accepted."),
            _ => [new PartnershipConfirmed(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, c.Now)],
        };
    }

    private static IReadOnlyList<object> Decline(DeclineInvite c, CustomerRecord state)
    {
        RequireTheCustomer(c, state);
        return state.Status switch
        {
            CustomerStatus.Declined => [],
            CustomerStatus.Expired => throw DomainException.Precondition(ExpiredMessage + " There is nothing left to decline."),
            CustomerStatus.Active or CustomerStatus.Suspended or CustomerStatus.Ended =>
                throw DomainException.Precondition("The customer already confirmed the partnership; the invitation can no longer be declined."),
            _ => [new InvitationDeclined(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, c.Now, state.Invitation)],
        };
    }

    // Anyone but the customer is answered exactly as for a subaccount that does not exist: the answer must not tell
    // a stranger (or the partner) which subaccounts have a customer record.
    private static void RequireTheCustomer(AnswerInvite c, CustomerRecord state)
    {
        if (!state.Exists || state.SubaccountId is null || c.CallerAccountId != state.CustomerAccountId)
            throw DomainException.NotFound("No customer record has this subaccount.");
    }
}
