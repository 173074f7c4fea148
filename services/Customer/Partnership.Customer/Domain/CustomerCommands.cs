namespace Partnership.CustomerService.Domain;

public abstract record CustomerCommand;

/// <summary>
/// Facts the handler gathered (learned from Billing-Account's and Identity/Roles' events, or asked of them live when
/// the learned copy says no) travel in the command, so the decision itself stays pure. Partner status is the caller
/// policy's (checked before the handler runs).
/// </summary>
public sealed record CreateCustomer(string CustomerId, string PartnerAccountId, bool PartnerInPaidMode,
    string CustomerAccountId, ValidCustomerDetails Details, string RequestId, DateTimeOffset Now) : CustomerCommand;

public sealed record AssignSubaccount(string SubaccountId, string PortalBaseUrl, DateTimeOffset Now) : CustomerCommand;

/// <param name="Bindings">The default bindings the organization's announcement carried; null when it carried none (announced
/// by a build before it).</param>
public sealed record AssignOrganization(string OrganizationId, DateTimeOffset Now, IReadOnlyList<DefaultBinding>? Bindings = null) : CustomerCommand;

/// <summary>Identity/Roles granted a role on the record's behalf (AccessBindingGranted naming this customer record).</summary>
public sealed record RecordBindingGranted(string ResourceType, string ResourceId, string SubjectAccountId, string RoleId, DateTimeOffset Now)
    : CustomerCommand;

/// <summary>Notification could not send the confirmation email, for good (ConfirmationEmailFailed).</summary>
public sealed record RecordEmailFailure(string Reason, DateTimeOffset Now) : CustomerCommand;

/// <summary>The customer's answer to the invitation, by the subaccount its link carries.</summary>
public abstract record AnswerInvite(string CallerAccountId, DateTimeOffset Now) : CustomerCommand;

public sealed record AcceptInvite(string CallerAccountId, DateTimeOffset Now) : AnswerInvite(CallerAccountId, Now);

/// <summary>Either side ends the partnership (the caller is checked against the record).</summary>
public sealed record EndPartnership(string CallerAccountId, DateTimeOffset Now) : CustomerCommand;

public sealed record DeclineInvite(string CallerAccountId, DateTimeOffset Now) : AnswerInvite(CallerAccountId, Now);

/// <summary>An operator suspends an Active partnership (the policy lets only operators call).</summary>
public sealed record SuspendPartnership(string OperatorAccountId, DateTimeOffset Now) : CustomerCommand;

/// <summary>An operator resumes a Suspended partnership.</summary>
public sealed record ResumePartnership(string OperatorAccountId, DateTimeOffset Now) : CustomerCommand;

/// <summary>What a CloudLinked event means for this record: the cloud came into its subaccount, or left it.</summary>
public sealed record TrackCloud(string CloudId, bool InSubaccount, DateTimeOffset Now) : CustomerCommand;

/// <summary>
/// The sweeper found the record's invitation due (from the read model, which may lag): the decision checks it again
/// against the stream, so a stale or repeated sweep (another replica's) changes nothing.
/// </summary>
public sealed record ExpireInvitation(TimeSpan ExpiresAfter, DateTimeOffset Now) : CustomerCommand;

/// <summary>The partner invites a declined or expired customer again.</summary>
/// <param name="CustomerId">As the caller sent it: a record the caller cannot see is answered as GetCustomer answers.</param>
public sealed record Reinvite(string CustomerId, string CallerAccountId, string PortalBaseUrl, DateTimeOffset Now) : CustomerCommand;
