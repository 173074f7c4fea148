using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Grpc.Input;

/// <summary>
/// Decodes a unary call's request before grpc-dotnet does. grpc-dotnet deserializes before any interceptor runs and
/// answers a body it cannot decode with UNKNOWN ("Exception was thrown by handler.") or INTERNAL ("Incomplete
/// message."); here such a body gets INVALID_ARGUMENT ("request body: ..."), an oversized one RESOURCE_EXHAUSTED,
/// as a trailers-only response, and a good one is handed on unchanged. Runs after the gRPC-Web middleware, so
/// gRPC-Web (binary and base64 text) arrives here as plain gRPC.
/// </summary>
public sealed class RequestDecodingMiddleware(RequestDelegate next, IOptions<GrpcServiceOptions> grpcOptions)
{
    private const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;
    private static readonly ConcurrentDictionary<Type, MessageDescriptorInfo?> RequestTypes = new();

    private sealed record MessageDescriptorInfo(MessageParser Parser, string Name);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc
            || grpc.Method.Type is not (MethodType.Unary or MethodType.ServerStreaming)
            || !HttpMethods.IsPost(context.Request.Method)
            || !HttpProtocol.IsHttp2(context.Request.Protocol)
            || !IsGrpcContentType(context.Request.ContentType)
            || RequestTypeOf(grpc.Method) is not { } requestType)
        {
            await next(context);
            return;
        }

        // This middleware bounds the body itself (below), as grpc-dotnet would; Kestrel's limit would answer
        // an oversized body with HTTP 413, which clients see as INTERNAL.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var maxSize = grpcOptions.Value.MaxReceiveMessageSize ?? DefaultMaxReceiveMessageSize;
        RequestFrame frame;
        try
        {
            frame = await RequestFrame.ReadAsync(context.Request.BodyReader, context.Request.Headers["grpc-encoding"].ToString(),
                maxSize, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return; // the client went away mid-body: there is no one to answer
        }
        if (frame.Problem is { } problem)
        {
            Refuse(context, frame.Code, problem);
            return;
        }
        try
        {
            requestType.Parser.ParseFrom(frame.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            Refuse(context, StatusCode.InvalidArgument, $"request body: cannot be decoded as {requestType.Name}.");
            return;
        }

        var replay = new MemoryStream(frame.Body, writable: false);
        context.Request.Body = replay;
        context.Features.Set<IRequestBodyPipeFeature>(new ReplayedBody(PipeReader.Create(replay)));
        await next(context);
    }

    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null && (contentType.Equals("application/grpc", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/grpc+", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/grpc;", StringComparison.OrdinalIgnoreCase));

    // The generated Method<TRequest, TResponse> names the request type; only protobuf messages are checked here.
    private static MessageDescriptorInfo? RequestTypeOf(IMethod method) => RequestTypes.GetOrAdd(method.GetType(), type =>
    {
        var request = type.IsGenericType ? type.GetGenericArguments()[0] : null;
        if (request is null || !typeof(IMessage).IsAssignableFrom(request) || request.GetConstructor(Type.EmptyTypes) is null) return null;
        var descriptor = ((IMessage)Activator.CreateInstance(request)!).Descriptor;
        return new MessageDescriptorInfo(descriptor.Parser, descriptor.FullName);
    });

    /// <summary>
    /// A trailers-only response, as grpc-dotnet writes one: the status (and its details, reason REQUEST_MALFORMED or
    /// REQUEST_TOO_LARGE) in the response headers, no body.
    /// </summary>
    public static void Refuse(HttpContext context, StatusCode code, string detail)
    {
        var clamped = StatusDetail.Clamp(detail);
        var reason = code switch
        {
            StatusCode.ResourceExhausted => ErrorReasons.RequestTooLarge,
            StatusCode.InvalidArgument => ErrorReasons.RequestMalformed,
            _ => Refusal.GenericReason(code),
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = PercentEncode(clamped);
        context.Response.Headers[Refusal.DetailsTrailer] = Convert.ToBase64String(Refusal.Details(code, clamped, reason).ToByteArray());
    }

    // The gRPC spec's grpc-message encoding: printable ASCII except '%' as is, every other UTF-8 byte as %XX.
    private static string PercentEncode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        return encoded.ToString();
    }

    private sealed class ReplayedBody(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }
}
