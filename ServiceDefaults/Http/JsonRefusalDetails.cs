using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Http;

/// <summary>
/// Gives the JSON refusals the transcoder makes itself the details every refusal carries. A body that is not JSON of
/// the request type, or a query or path value that does not convert, is refused before any interceptor runs, with a
/// google.rpc.Status that has no details; here it gets the ErrorInfo of its code (REQUEST_MALFORMED for
/// INVALID_ARGUMENT, as a gRPC body that cannot be decoded), and a body over Kestrel's 1 MiB limit is HTTP 413 with
/// RESOURCE_EXHAUSTED and REQUEST_TOO_LARGE, as an oversized gRPC message. Every other response passes through as it is written:
/// only a response whose status is 400 or more when its first byte is written is held (a google.rpc.Status, small).
/// </summary>
internal sealed class JsonRefusalDetails(RequestDelegate next)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(JsonHttpApi.ErrorDetailTypes).WithIgnoreUnknownFields(true));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(JsonHttpApi.ErrorDetailTypes).WithFormatDefaultValues(true));

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var original = response.Body;
        var capture = new RefusalCapture(original, response);
        response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }
        if (capture.Held is not { } held) return;
        var (body, tooLarge) = WithDetails(held.ToArray());
        if (!response.HasStarted)
        {
            if (tooLarge) response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.ContentLength = body.Length;
        }
        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The status as written, or with the ErrorInfo of its code when it had none; whether the body was too large.</summary>
    private static (byte[] Body, bool TooLarge) WithDetails(byte[] written)
    {
        Google.Rpc.Status status;
        try
        {
            status = Parser.Parse<Google.Rpc.Status>(Encoding.UTF8.GetString(written));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or InvalidOperationException)
        {
            return (written, false);
        }
        if (status.Details.Count > 0 || status.Code == 0) return (written, false);
        var code = (StatusCode)status.Code;
        // Kestrel's words for a body over MaxRequestBodySize, which the transcoder passes on as INVALID_ARGUMENT.
        var tooLarge = code == StatusCode.InvalidArgument && status.Message.StartsWith("Request body too large", StringComparison.Ordinal);
        var completed = tooLarge
            ? Refusal.Details(StatusCode.ResourceExhausted, status.Message, ErrorReasons.RequestTooLarge)
            : Refusal.Details(code, status.Message, Refusal.GenericReason(code));
        // Compact, as the transcoder writes.
        return (Encoding.UTF8.GetBytes(JsonNode.Parse(Formatter.Format(completed))!.ToJsonString(Compact)), tooLarge);
    }

    /// <summary>Passes writes through, unless the response is a refusal when the first byte is written: then holds them.</summary>
    private sealed class RefusalCapture(Stream inner, HttpResponse response) : Stream
    {
        private bool _decided;

        public MemoryStream? Held { get; private set; }

        private Stream Target()
        {
            if (!_decided)
            {
                _decided = true;
                if (response.StatusCode >= 400) Held = new MemoryStream();
            }
            return Held ?? inner;
        }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => Target().Write(buffer);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Target().WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Target().WriteAsync(buffer, cancellationToken);
        public override void Flush() => Target().Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => Target().FlushAsync(cancellationToken);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
