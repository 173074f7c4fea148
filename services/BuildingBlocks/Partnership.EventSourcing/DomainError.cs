namespace Partnership.EventSourcing;

/// <summary>Why a decision refused a command. The API maps each kind to one gRPC status code.</summary>
public enum DomainErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    PermissionDenied,
    Unauthenticated,
}

/// <summary>A refused command. Thrown by pure Decide functions; nothing is appended.</summary>
/// <param name="reason">One of <see cref="ErrorReasons"/> where the decision knows a more specific one than its kind.</param>
public sealed class DomainException(DomainErrorKind kind, string message, string? field = null, string? reason = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The request field at fault, for INVALID_ARGUMENT.</summary>
    public string? Field { get; } = field;

    /// <summary>The reason code clients read from the status details.</summary>
    public string Reason { get; } = reason ?? ErrorReasons.Of(kind);

    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.InvalidArgument, $"{field}: {message}", field);
    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);
    public static DomainException AlreadyExists(string message) => new(DomainErrorKind.AlreadyExists, message);
    public static DomainException Precondition(string message, string? reason = null) => new(DomainErrorKind.FailedPrecondition, message, reason: reason);
    public static DomainException Denied(string message, string? reason = null) => new(DomainErrorKind.PermissionDenied, message, reason: reason);

    /// <summary>The caller acts as a partner but holds no partner status (now).</summary>
    public static DomainException NoPartnerStatus() =>
        Denied("The account has no partner status: only a partner may do this.", ErrorReasons.NoPartnerStatus);
}
