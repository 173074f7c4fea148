using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Grpc.Input;

/// <summary>
/// Runs <see cref="InputGuard"/> before every handler: a refused request gets INVALID_ARGUMENT naming the field
/// (detail "&lt;field&gt;: ...", trailer invalid-field, reason FIELD_INVALID with a BadRequest), the convention the domain's own validation uses.
/// </summary>
public sealed class InputGuardInterceptor(IOptions<InputLimits> limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Guard(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Guard(request);
        return continuation(request, responseStream, context);
    }

    private void Guard(object request)
    {
        if (request is not IMessage message || InputGuard.Check(message, limits.Value) is not { } violation) return;
        throw Refusal.Create(StatusCode.InvalidArgument, violation.Detail, ErrorReasons.FieldInvalid, violation.Field);
    }
}
