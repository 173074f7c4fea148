namespace Partnership.BillingAccount.Domain;

public abstract record CloudCommand;

/// <summary>
/// Create a cloud. The target billing account is read by the handler and passed in, so the decision stays pure.
/// </summary>
/// <param name="TargetBillable">The target may pay for clouds now: see <see cref="BillingAccountRecord.Billable"/>, or the
/// partnership confirmed as Customer says it at this moment (ahead of the event reaching this service).</param>
/// <param name="CallerHoldsRoleInOrganization">Identity/Roles says the caller holds a role in the organization now (an
/// organization that does not exist has nobody holding one).</param>
public sealed record CreateCloud(string CloudId, ValidCloudRequest Request, string CallerAccountId, BillingAccountRecord Target,
    DateTimeOffset Now, bool TargetBillable = false, bool CallerHoldsRoleInOrganization = false) : CloudCommand;

/// <summary>
/// Bind the cloud to <paramref name="TargetBillingAccountId"/>. Everything the decision needs that lives elsewhere
/// comes in as facts gathered just before: the target account, what Identity/Roles says the caller holds now,
/// and what the cloud's current account owes.
/// </summary>
/// <param name="TargetBillable">As for <see cref="CreateCloud"/>.</param>
/// <param name="CallerIsPartner">Whether the caller holds partner status now (needed when it links as the subaccount's partner).</param>
/// <param name="CallerSeesCurrentAccount">Whether the caller may see the billing account that pays for the cloud now.</param>
public sealed record LinkCloud(string CallerAccountId, string TargetBillingAccountId, BillingAccountRecord Target, LinkAccess Access,
    Owing CurrentAccountOwes, DateTimeOffset Now, bool TargetBillable = false, bool CallerIsPartner = false,
    bool CallerSeesCurrentAccount = false) : CloudCommand;

/// <summary>What a billing account owes, in its currency.</summary>
public sealed record Owing(decimal Amount, string Currency);
