using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Grpc;

/// <summary>
/// One mapping from refused commands (and an unreachable store) to gRPC status codes for every service. Outermost, so
/// every refusal leaves through here and gets its status details (<see cref="Refusal"/>) if it has none yet.
/// </summary>
public sealed class DomainExceptionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ToRpcException(e) is { } mapped)
        {
            throw mapped;
        }
    }

    // A streaming call (WatchCustomer) refuses the same way, before or between its messages.
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ToRpcException(e) is { } mapped)
        {
            throw mapped;
        }
    }

    private static RpcException? ToRpcException(Exception e)
    {
        switch (e)
        {
            case DomainException domain:
                return Refusal.Create(ToStatusCode(domain.Kind), domain.Message, domain.Reason, domain.Field);
            case WrongExpectedVersionException:
                return Refusal.Create(StatusCode.Aborted, e.Message, ErrorReasons.ConcurrentChange);
            // A handler's own status may echo input too (clamped), and may lack details.
            case RpcException rpc when rpc.StatusCode != StatusCode.OK
                && (!Refusal.HasDetails(rpc) || rpc.Status.Detail.Length > StatusDetail.MaxLength):
                return Refusal.WithDetails(rpc);
            // The store did not answer: nothing was decided, so the client may retry.
            case not null when IsStoreUnavailable(e):
                return Refusal.Create(StatusCode.Unavailable, "The service's store is unavailable; retry. " + e.Message, ErrorReasons.Unavailable);
            default:
                return null;
        }
    }

    // Connection failures, timeouts and "too many clients" (SQLSTATE class 53/57/08), possibly wrapped by Marten;
    // not other PostgreSQL errors, which are bugs and stay INTERNAL.
    private static bool IsStoreUnavailable(Exception? e) => e switch
    {
        null => false,
        Npgsql.PostgresException pg => pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        Npgsql.NpgsqlException or TimeoutException => true,
        _ => IsStoreUnavailable(e.InnerException),
    };

    public static StatusCode ToStatusCode(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        DomainErrorKind.NotFound => StatusCode.NotFound,
        DomainErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        DomainErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        DomainErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        DomainErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        _ => StatusCode.Unknown,
    };
}
