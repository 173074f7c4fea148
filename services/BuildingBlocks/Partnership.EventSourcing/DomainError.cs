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
public sealed class DomainException(DomainErrorKind kind, string message, string? field = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The request field at fault, for INVALID_ARGUMENT.</summary>
    public string? Field { get; } = field;

    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.InvalidArgument, $"{field}: {message}", field);
    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);
    public static DomainException AlreadyExists(string message) => new(DomainErrorKind.AlreadyExists, message);
    public static DomainException Precondition(string message) => new(DomainErrorKind.FailedPrecondition, message);
    public static DomainException Denied(string message) => new(DomainErrorKind.PermissionDenied, message);
}
