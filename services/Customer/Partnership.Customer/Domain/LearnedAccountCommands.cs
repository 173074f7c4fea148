namespace Partnership.CustomerService.Domain;

public abstract record LearnedAccountCommand(string AccountId, DateTimeOffset OccurredAt);

/// <summary>Identity/Roles said the account got (or lost) partner status at <paramref name="OccurredAt"/>.</summary>
public sealed record LearnPartnerStatus(string AccountId, bool Partner, DateTimeOffset OccurredAt) : LearnedAccountCommand(AccountId, OccurredAt);

/// <summary>Billing-Account said the account's own billing account is (or is not) in paid mode since <paramref name="OccurredAt"/>.</summary>
public sealed record LearnPaidMode(string AccountId, bool Paid, DateTimeOffset OccurredAt) : LearnedAccountCommand(AccountId, OccurredAt);

/// <summary>Identity/Roles registered <paramref name="AccountId"/> with <paramref name="Email"/>.</summary>
public sealed record LearnAccountEmail(string Email, string AccountId, DateTimeOffset OccurredAt);
