namespace Partnership.BillingAccount.Domain;

public enum BillingAccountKind
{
    None,
    /// <summary>An account's own billing account.</summary>
    Personal,
    /// <summary>A subaccount a partner holds for a customer; billed through the partner.</summary>
    PartnerSubaccount,
}

public enum ConsumptionMode
{
    None,
    /// <summary>Resources are paid from the initial grant only.</summary>
    Trial,
    /// <summary>Paid consumption: the unspent grant is spent first, then the account is debited.</summary>
    Paid,
}
