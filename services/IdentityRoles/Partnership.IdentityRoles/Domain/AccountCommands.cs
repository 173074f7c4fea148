namespace Partnership.IdentityRoles.Domain;

public abstract record AccountCommand;

/// <summary>Registers the account; <paramref name="AccountId"/> is <see cref="AccountIds.ForEmail"/> of the details' email.</summary>
public sealed record RegisterAccount(string AccountId, ValidAccountDetails Details, DateTimeOffset Now) : AccountCommand
{
    public static RegisterAccount For(ValidAccountDetails details, DateTimeOffset now) =>
        new(AccountIds.ForEmail(details.Email), details, now);
}

public sealed record AssignPartnerStatus(DateTimeOffset Now) : AccountCommand;

public sealed record WithdrawPartnerStatus(DateTimeOffset Now) : AccountCommand;
