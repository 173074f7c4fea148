using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>The partnership after the customer confirmed it: ended by either side, suspended and resumed by an operator.</summary>
public sealed partial record CustomerRecord
{
    private const string NoSuchRecord = "No customer record has this ID.";

    private static IReadOnlyList<object> End(EndPartnership c, CustomerRecord state)
    {
        // Either side of the record; anyone else is answered as for a record that does not exist.
        if (!state.Exists || (c.CallerAccountId != state.PartnerAccountId && c.CallerAccountId != state.CustomerAccountId))
            throw DomainException.NotFound(NoSuchRecord);
        return state.Status switch
        {
            CustomerStatus.Ended => [],
            // A suspension is the operator's pause, not a lock on the partnership: either side may still leave.
            CustomerStatus.Active or CustomerStatus.Suspended =>
                [new PartnershipEnded(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, c.CallerAccountId, c.Now)],
            CustomerStatus.Declined => throw DomainException.Precondition("The customer declined the invitation: there is no partnership to end."),
            CustomerStatus.Expired => throw DomainException.Precondition(ExpiredMessage + " There is no partnership to end."),
            _ => throw DomainException.Precondition("The customer has not confirmed the partnership yet: the customer declines the invitation instead."),
        };
    }

    // Only operators reach these (the caller policy): they see every record, so a missing one is simply not there.
    private static IReadOnlyList<object> Suspend(SuspendPartnership c, CustomerRecord state)
    {
        if (!state.Exists) throw DomainException.NotFound(NoSuchRecord);
        return state.Status switch
        {
            CustomerStatus.Suspended => [],
            CustomerStatus.Active =>
                [new PartnershipSuspended(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, c.OperatorAccountId, c.Now)],
            CustomerStatus.Ended => throw DomainException.Precondition("The partnership has ended: there is nothing to suspend."),
            CustomerStatus.Declined => throw DomainException.Precondition("The customer declined the invitation: there is no partnership to suspend."),
            CustomerStatus.Expired => throw DomainException.Precondition(ExpiredMessage + " There is no partnership to suspend."),
            _ => throw DomainException.Precondition("The customer has not confirmed the partnership yet: only an Active partnership can be suspended."),
        };
    }

    private static IReadOnlyList<object> Resume(ResumePartnership c, CustomerRecord state)
    {
        if (!state.Exists) throw DomainException.NotFound(NoSuchRecord);
        return state.Status switch
        {
            // Resuming what runs already is the repeat of a resume: nothing changes.
            CustomerStatus.Active => [],
            CustomerStatus.Suspended =>
                [new PartnershipResumed(state.PartnerAccountId, state.CustomerAccountId, state.SubaccountId!, c.OperatorAccountId, c.Now)],
            CustomerStatus.Ended => throw DomainException.Precondition("The partnership has ended: it cannot be resumed."),
            CustomerStatus.Declined => throw DomainException.Precondition("The customer declined the invitation: there is no partnership to resume."),
            CustomerStatus.Expired => throw DomainException.Precondition(ExpiredMessage + " There is no partnership to resume."),
            _ => throw DomainException.Precondition("The customer has not confirmed the partnership yet: there is nothing to resume."),
        };
    }
}
