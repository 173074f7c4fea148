using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class ChargeRequestIds
{
    public const string StreamPrefix = "charge-request-";

    /// <summary>
    /// One stream per request ID, derived from it: every attempt of one charge lands on the same stream whichever
    /// account the cloud is bound to now, and the stream name stays short whatever characters the client chose.
    /// </summary>
    public static string Stream(string requestId) => StreamPrefix + ResourceIds.Derive("chg", requestId);
}

public abstract record ChargeRequestCommand;

/// <summary>
/// Remember the charge <paramref name="RequestId"/> names: this cloud, this amount, on <paramref name="BillingAccountId"/>
/// (where the cloud was bound when the handler read it).
/// </summary>
public sealed record RequestCharge(string RequestId, string CloudId, decimal Amount, string BillingAccountId, DateTimeOffset Now)
    : ChargeRequestCommand;

// Stored on the charge-request stream; the name carries a version (see BillingAccountEventTypes).

/// <summary>
/// The metering system asked for this charge once; every retry of <paramref name="RequestId"/> is this charge, accrued
/// to <paramref name="BillingAccountId"/> even if the cloud has moved since.
/// </summary>
public sealed record ChargeRequested(string RequestId, string CloudId, decimal Amount, string BillingAccountId, DateTimeOffset At);
