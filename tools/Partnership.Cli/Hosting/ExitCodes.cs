using Grpc.Core;

namespace Partnership.Cli.Hosting;

/// <summary>
/// What a script can branch on without parsing text: one code per class of gRPC status, grouped by what the caller
/// does next (fix the input, look elsewhere, change the state, get a token, retry).
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int InvalidArgument = 3;
    public const int NotFound = 4;
    public const int Conflict = 5;
    public const int Unauthorized = 6;
    public const int Unavailable = 7;

    public static int For(StatusCode status) => status switch
    {
        StatusCode.OK => Ok,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => InvalidArgument,
        StatusCode.NotFound => NotFound,
        StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => Conflict,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Unauthorized,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => Unavailable,
        _ => Failed,
    };

    public const string Help = """
        Exit codes:
          0  ok
          1  any other failure (INTERNAL, UNKNOWN, UNIMPLEMENTED, a local error)
          2  usage or configuration error (unknown command or option, missing argument, no such profile)
          3  INVALID_ARGUMENT, OUT_OF_RANGE
          4  NOT_FOUND
          5  ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED
          6  UNAUTHENTICATED, PERMISSION_DENIED
          7  UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (retry later)
        Errors go to stderr: the status, its message, and the reason (google.rpc.ErrorInfo) from the status details.
        """;
}
