using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Partnership.ServiceDefaults.Grpc.Input;

/// <summary>The one length-prefixed message of a unary request body, or why it cannot be one.</summary>
internal sealed record RequestFrame(byte[] Body, byte[]? Payload, StatusCode Code, string? Problem)
{
    private const int HeaderLength = 5;

    /// <summary>Reads the whole body, never more than one frame of at most <paramref name="maxMessageSize"/> bytes.</summary>
    public static async Task<RequestFrame> ReadAsync(PipeReader reader, string? encoding, int maxMessageSize, CancellationToken cancel)
    {
        using var body = new MemoryStream();
        long? declared = null;
        while (true)
        {
            var read = await reader.ReadAsync(cancel);
            foreach (var segment in read.Buffer) body.Write(segment.Span);
            reader.AdvanceTo(read.Buffer.End);
            if (declared is null && body.Length >= HeaderLength)
            {
                declared = BinaryPrimitives.ReadUInt32BigEndian(body.GetBuffer().AsSpan(1, 4));
                if (declared > maxMessageSize)
                    return Refused(StatusCode.ResourceExhausted, $"request body: the message is larger than {maxMessageSize} bytes.");
            }
            if (declared is { } length && body.Length > HeaderLength + length)
                return Refused(StatusCode.InvalidArgument, "request body: more than one message in a unary call.");
            if (read.IsCompleted) break;
        }
        if (declared is not { } size) return Refused(StatusCode.InvalidArgument, "request body: no complete gRPC message frame.");
        if (body.Length < HeaderLength + size) return Refused(StatusCode.InvalidArgument, "request body: the message frame is truncated.");

        var bytes = body.ToArray();
        var message = bytes.AsSpan(HeaderLength).ToArray();
        return bytes[0] switch
        {
            0 => new RequestFrame(bytes, message, StatusCode.OK, null),
            1 => Decompress(bytes, message, encoding, maxMessageSize),
            _ => Refused(StatusCode.InvalidArgument, "request body: the frame's compressed flag is neither 0 nor 1."),
        };
    }

    private static RequestFrame Decompress(byte[] bytes, byte[] message, string? encoding, int maxMessageSize)
    {
        using var compressed = new MemoryStream(message);
        using Stream? stream = encoding switch
        {
            "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            "deflate" => new ZLibStream(compressed, CompressionMode.Decompress),
            _ => null,
        };
        if (stream is null)
            return string.IsNullOrEmpty(encoding) || encoding == "identity"
                ? Refused(StatusCode.InvalidArgument, "request body: a compressed message without a grpc-encoding.")
                : Refused(StatusCode.Unimplemented, "request body: the grpc-encoding is not supported (gzip, deflate are).");
        try
        {
            // Bounded: a small bomb must not inflate past the message size limit.
            var output = new byte[maxMessageSize + 1];
            var total = 0;
            int n;
            while (total < output.Length && (n = stream.Read(output, total, output.Length - total)) > 0) total += n;
            if (total > maxMessageSize)
                return Refused(StatusCode.ResourceExhausted, $"request body: the message is larger than {maxMessageSize} bytes.");
            return new RequestFrame(bytes, output.AsSpan(0, total).ToArray(), StatusCode.OK, null);
        }
        catch (InvalidDataException)
        {
            return Refused(StatusCode.InvalidArgument, $"request body: cannot be decompressed as {encoding}.");
        }
    }

    private static RequestFrame Refused(StatusCode code, string problem) => new([], null, code, problem);
}
