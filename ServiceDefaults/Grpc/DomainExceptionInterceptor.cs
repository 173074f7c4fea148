using Grpc.Core;
using Grpc.Core.Interceptors;
using Partnership.EventSourcing;

namespace Partnership.ServiceDefaults.Grpc;

/// <summary>One mapping from refused commands to gRPC status codes for every service.</summary>
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
            throw new RpcException(new Status(ToStatusCode(e.Kind), e.Message), metadata);
        }
        catch (WrongExpectedVersionException e)
        {
            throw new RpcException(new Status(StatusCode.Aborted, e.Message));
        }
    }

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
