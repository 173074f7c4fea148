using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;

namespace Partnership.IntegrationTests.HttpSurface;

/// <summary>Calls below the typed clients: any bytes as a message, or any bytes as the whole HTTP/2 body.</summary>
public static class RawGrpc
{
    public const string ListCustomers = "/partnership.customers.v1.Customers/ListCustomers";

    public static Method<byte[], byte[]> Method(string path)
    {
        var bytes = Marshallers.Create(b => b, b => b);
        var slash = path.LastIndexOf('/');
        return new Method<byte[], byte[]>(MethodType.Unary, path[1..slash], path[(slash + 1)..], bytes, bytes);
    }

    public static async Task<RpcException?> Unary(CallInvoker invoker, string path, byte[] message)
    {
        try
        {
            await invoker.AsyncUnaryCall(Method(path), null, SurfaceHost.Deadline(), message);
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    public static byte[] Frame(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Posts <paramref name="body"/> as the HTTP/2 request body and returns grpc-status and grpc-message.</summary>
    public static async Task<(StatusCode Status, string Message)> Post(Uri server, string path, byte[] body, string? encoding = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        if (encoding is not null) request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var h) ? h.First()
            : response.TrailingHeaders.TryGetValues(name, out var t) ? t.First() : null;
        return ((StatusCode)int.Parse(Header("grpc-status")!), Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }

    public static byte[] Encode(IMessage message) => message.ToByteArray();
}
