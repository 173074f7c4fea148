namespace Partnership.BillingAccount.Domain;

public abstract record BillingAccountCommand;

/// <summary>The grant and currency come from configuration in the command, so the decision stays pure.</summary>
public sealed record OpenPersonalAccount(string BillingAccountId, string OwnerAccountId, decimal InitialGrant, string Currency,
    DateTimeOffset Now) : BillingAccountCommand;

public sealed record OpenSubaccount(string BillingAccountId, string PartnerAccountId, string CustomerAccountId, string CustomerId,
    DateTimeOffset Now) : BillingAccountCommand;

public sealed record SwitchToPaidConsumption(DateTimeOffset Now) : BillingAccountCommand;
