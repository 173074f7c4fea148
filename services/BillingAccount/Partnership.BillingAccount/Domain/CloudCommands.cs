namespace Partnership.BillingAccount.Domain;

public abstract record CloudCommand;

/// <summary>
/// Create a cloud. The target billing account is read by the handler and passed in, so the decision stays pure.
/// </summary>
public sealed record CreateCloud(string CloudId, ValidCloudRequest Request, string CallerAccountId, BillingAccountRecord Target,
    DateTimeOffset Now) : CloudCommand;

/// <summary>
/// Bind the cloud to <paramref name="TargetBillingAccountId"/>. Everything the decision needs that lives elsewhere
/// comes in as facts gathered just before: the target account, what Identity/Roles says the caller holds now,
/// and what the cloud's current account owes.
/// </summary>
public sealed record LinkCloud(string CallerAccountId, string TargetBillingAccountId, BillingAccountRecord Target, LinkAccess Access,
    Owing CurrentAccountOwes, DateTimeOffset Now) : CloudCommand;

/// <summary>What a billing account owes, in its currency.</summary>
public sealed record Owing(decimal Amount, string Currency);
