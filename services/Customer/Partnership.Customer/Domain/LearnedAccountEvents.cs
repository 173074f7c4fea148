namespace Partnership.CustomerService.Domain;

// Events of the learned streams: what other services said about an account, as this service heard it. AsOf is the
// owner's time of the change (its OccurredAt), so a late message never overrides a newer one.

public sealed record PartnerStatusLearned(string AccountId, bool Partner, DateTimeOffset AsOf);

public sealed record PaidModeLearned(string AccountId, bool Paid, DateTimeOffset AsOf);

public sealed record AccountEmailLearned(string Email, string AccountId, DateTimeOffset AsOf);
