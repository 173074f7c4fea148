namespace Partnership.CustomerService.Domain;

public enum CustomerStatus
{
    None,
    /// <summary>"Verification required": created, waiting for the customer to confirm.</summary>
    VerificationRequired,
    /// <summary>"Active": the customer confirmed the partnership.</summary>
    Active,
    /// <summary>"Declined": the customer declined the invitation; the partner holds no role there any more.</summary>
    Declined,
    /// <summary>"Ended": the partner or the customer ended the Active partnership.</summary>
    Ended,
    /// <summary>"Suspended": an operator suspended the Active partnership; no cloud can be added to the subaccount until resumed.</summary>
    Suspended,
    /// <summary>"Expired": the invitation was not answered in time; the partner holds no role there any more and may reinvite.</summary>
    Expired,
}
