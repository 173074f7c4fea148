namespace Partnership.EventSourcing;

/// <summary>
/// The reason codes a refusal carries in its google.rpc.ErrorInfo (domain <see cref="Domain"/>). They are wire names:
/// add new ones, never rename one. The status code stays the coarse answer; the reason says which rule refused.
/// </summary>
public static class ErrorReasons
{
    public const string Domain = "partnership.cloud.yandex.ru";

    public const string TokenMissing = "TOKEN_MISSING";
    public const string TokenExpired = "TOKEN_EXPIRED";
    /// <summary>Bad signature, issuer, audience, algorithm or lifetime; malformed; no subject.</summary>
    public const string TokenInvalid = "TOKEN_INVALID";
    public const string FieldInvalid = "FIELD_INVALID";
    /// <summary>A request body that is not one message of the RPC's request type.</summary>
    public const string RequestMalformed = "REQUEST_MALFORMED";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string NoPartnerStatus = "NO_PARTNER_STATUS";
    public const string PaidModeRequired = "PAID_MODE_REQUIRED";
    public const string FailedPrecondition = "FAILED_PRECONDITION";
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>Another write changed the stream first (ABORTED): decide again.</summary>
    public const string ConcurrentChange = "CONCURRENT_CHANGE";
    /// <summary>A store, the token issuer's keys or another service did not answer (UNAVAILABLE): retry.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>The reason of a refusal that names no more specific one.</summary>
    public static string Of(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidArgument => FieldInvalid,
        DomainErrorKind.NotFound => NotFound,
        DomainErrorKind.AlreadyExists => AlreadyExists,
        DomainErrorKind.PermissionDenied => PermissionDenied,
        DomainErrorKind.Unauthenticated => TokenInvalid,
        _ => FailedPrecondition,
    };
}
