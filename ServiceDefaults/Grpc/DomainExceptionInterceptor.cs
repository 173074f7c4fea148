using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.EventSourcing;

namespace Partnership.ServiceDefaults.Grpc;

/// <summary>One mapping from refused commands (and an unreachable store) to gRPC status codes for every service.</summary>
public sealed class DomainExceptionInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (DomainException e)
        {
            var metadata = new Metadata();
            if (e.Field is { } field) metadata.Add("invalid-field", field);
            throw new RpcException(new Status(ToStatusCode(e.Kind), StatusDetail.Clamp(e.Message)), metadata);
        }
        catch (WrongExpectedVersionException e)
        {
            throw new RpcException(new Status(StatusCode.Aborted, StatusDetail.Clamp(e.Message)));
        }
        catch (RpcException e) when (e.Status.Detail.Length > StatusDetail.MaxLength)
        {
            // A handler's own status may echo input too.
            throw new RpcException(new Status(e.StatusCode, StatusDetail.Clamp(e.Status.Detail)), e.Trailers);
        }
        catch (Exception e) when (IsStoreUnavailable(e))
        {
            // The store did not answer: nothing was decided, so the client may retry.
            throw new RpcException(new Status(StatusCode.Unavailable, StatusDetail.Clamp("The service's store is unavailable; retry. " + e.Message)));
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
