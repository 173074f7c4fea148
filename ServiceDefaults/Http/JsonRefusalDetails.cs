using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using ErrorInfo = Google.Rpc.ErrorInfo;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Partnership.EventSourcing;
using Partnership.ServiceDefaults.Grpc.Errors;

namespace Partnership.ServiceDefaults.Http;

/// <summary>
/// Completes the refusals of JSON calls. The transcoder refuses some itself before any interceptor runs (a body that is
/// not JSON of the request type, a query or path value that does not convert) with a google.rpc.Status without details:
/// here it gets the ErrorInfo of its code (REQUEST_MALFORMED for INVALID_ARGUMENT, as a gRPC body that cannot be
/// decoded), and a body over Kestrel's 1 MiB limit is HTTP 413 with RESOURCE_EXHAUSTED and REQUEST_TOO_LARGE, as an
/// oversized gRPC message. A rate-limited call (429) gets Retry-After, in seconds, from the ErrorInfo's retry_after_ms
/// (gRPC clients read the retry-after-ms trailer, which a JSON response does not carry), and a 401 names the scheme it
/// wants (WWW-Authenticate: Bearer, RFC 9110), with error="invalid_token" when a token came and was refused (RFC 6750).
/// Every other response passes through as it is written: only a response whose status is 400 or more when its first
/// byte is written is held (a google.rpc.Status, small).
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
        var refusal = Complete(held.ToArray());
        if (!response.HasStarted)
        {
            if (refusal.TooLarge) response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (refusal.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode == StatusCodes.Status401Unauthorized)
                response.Headers.WWWAuthenticate = context.Request.Headers.Authorization.Count == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
            response.ContentLength = refusal.Body.Length;
        }
        await original.WriteAsync(refusal.Body, context.RequestAborted);
    }

    private sealed record CompletedRefusal(byte[] Body, bool TooLarge = false, long? RetryAfterSeconds = null);

    /// <summary>The status as written, or with the ErrorInfo of its code when it had none.</summary>
    private static CompletedRefusal Complete(byte[] written)
    {
        Google.Rpc.Status status;
        try
        {
            status = Parser.Parse<Google.Rpc.Status>(Encoding.UTF8.GetString(written));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or InvalidOperationException)
        {
            return new CompletedRefusal(written);
        }
        if (status.Code == 0) return new CompletedRefusal(written);
        if (status.Details.Count > 0)
        {
            var info = status.Details.FirstOrDefault(d => d.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>();
            return info?.Metadata.TryGetValue("retry_after_ms", out var text) == true && long.TryParse(text, CultureInfo.InvariantCulture, out var ms)
                ? new CompletedRefusal(written, RetryAfterSeconds: Math.Max(1, (ms + 999) / 1000))
                : new CompletedRefusal(written);
        }
        var code = (StatusCode)status.Code;
        // Kestrel's words for a body over MaxRequestBodySize, which the transcoder passes on as INVALID_ARGUMENT.
        var tooLarge = code == StatusCode.InvalidArgument && status.Message.StartsWith("Request body too large", StringComparison.Ordinal);
        var completed = tooLarge
            ? Refusal.Details(StatusCode.ResourceExhausted, status.Message, ErrorReasons.RequestTooLarge)
            : Refusal.Details(code, status.Message, Refusal.GenericReason(code));
        // Compact, as the transcoder writes.
        return new CompletedRefusal(Encoding.UTF8.GetBytes(JsonNode.Parse(Formatter.Format(completed))!.ToJsonString(Compact)), tooLarge);
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
