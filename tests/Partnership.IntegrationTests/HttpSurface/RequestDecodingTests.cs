using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Partnership.Contracts.Customers.V1;

namespace Partnership.IntegrationTests.HttpSurface;

public sealed class RequestDecodingTests : IAsyncLifetime
{
    private SurfaceHost _host = null!;
    private static readonly byte[] Garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0A];
    private const string CannotDecode = "request body: cannot be decoded as partnership.customers.v1.ListCustomersRequest.";

    public async Task InitializeAsync() => _host = await SurfaceHost.Start();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_undecodable_message_is_invalid_argument_naming_the_type()
    {
        var error = await RawGrpc.Unary(_host.Channel.CreateCallInvoker(), RawGrpc.ListCustomers, Garbage);
        Assert.NotNull(error);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(CannotDecode, error.Status.Detail);
        // Refused before grpc-dotnet and every interceptor, in a trailers-only response: the details come along.
        var details = error.GetRpcStatus();
        Assert.Equal(CannotDecode, details?.Message);
        Assert.Equal("REQUEST_MALFORMED", details!.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
    }

    [Fact]
    public async Task A_valid_message_passes_through_unchanged()
    {
        var reply = await _host.Customers.ListCustomersAsync(new ListCustomersRequest { Query = "acme", PageSize = 5 }, SurfaceHost.Deadline());
        Assert.Equal("query=acme", reply.NextPageToken);
    }

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task Grpc_web_bodies_are_decoded_too(GrpcWebMode mode)
    {
        using var channel = GrpcChannel.ForAddress(_host.Http, new GrpcChannelOptions
        {
            // The HTTP/1.1 port, as a browser reaches it.
            HttpHandler = new GrpcWebHandler(mode, new HttpClientHandler()),
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var error = await RawGrpc.Unary(channel.CreateCallInvoker(), RawGrpc.ListCustomers, Garbage);
        Assert.True(error!.StatusCode == StatusCode.InvalidArgument, error.ToString());
        Assert.Equal(CannotDecode, error.Status.Detail);
        var ok = await new Customers.CustomersClient(channel).ListCustomersAsync(new ListCustomersRequest { Query = "web" }, SurfaceHost.Deadline());
        Assert.Equal("query=web", ok.NextPageToken);
    }

    [Theory]
    [InlineData(new byte[] { }, "no complete gRPC message frame")]
    [InlineData(new byte[] { 0, 0, 0 }, "no complete gRPC message frame")]
    [InlineData(new byte[] { 0, 0, 0, 0, 10, 0x22, 0x01 }, "truncated")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "more than one message")]
    [InlineData(new byte[] { 7, 0, 0, 0, 0 }, "compressed flag")]
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 0x22 }, "without a grpc-encoding")]
    public async Task Broken_frames_are_invalid_argument(byte[] body, string problem)
    {
        var (status, message) = await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, body);
        Assert.Equal(StatusCode.InvalidArgument, status);
        Assert.Contains(problem, message);
    }

    [Fact]
    public async Task Compressed_frames_are_decompressed_then_decoded()
    {
        var valid = RawGrpc.Frame(RawGrpc.Gzip(RawGrpc.Encode(new ListCustomersRequest { Query = "zipped" })), compressed: true);
        Assert.Equal(StatusCode.OK, (await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, valid, "gzip")).Status);

        var undecodable = RawGrpc.Frame(RawGrpc.Gzip(Garbage), compressed: true);
        var decoded = await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, undecodable, "gzip");
        Assert.Equal((StatusCode.InvalidArgument, CannotDecode), decoded);

        var notGzip = RawGrpc.Frame(Garbage, compressed: true);
        var inflated = await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, notGzip, "gzip");
        Assert.Equal((StatusCode.InvalidArgument, "request body: cannot be decompressed as gzip."), inflated);

        var unknown = await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, notGzip, "snappy");
        Assert.Equal(StatusCode.Unimplemented, unknown.Status);
    }

    [Fact]
    public async Task A_compression_bomb_is_resource_exhausted()
    {
        var bomb = RawGrpc.Frame(RawGrpc.Gzip(new byte[10 * 1024 * 1024]), compressed: true);
        var (status, _) = await RawGrpc.Post(_host.Grpc, RawGrpc.ListCustomers, bomb, "gzip");
        Assert.Equal(StatusCode.ResourceExhausted, status);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_at_once_and_the_connection_keeps_working()
    {
        var huge = new GetCustomerRequest { CustomerId = new string('x', 70_000) };
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Customers.GetCustomerAsync(huge, SurfaceHost.Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "refused without waiting for the deadline");
        var next = await _host.Customers.ListCustomersAsync(new ListCustomersRequest { Query = "after" }, SurfaceHost.Deadline());
        Assert.Equal("query=after", next.NextPageToken);
    }

    [Fact]
    public async Task An_echoed_id_is_clamped_in_the_status_detail()
    {
        var id = new string('c', 1000);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Customers.GetCustomerAsync(new GetCustomerRequest { CustomerId = id }, SurfaceHost.Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.StartsWith("No customer ccc", error.Status.Detail);
        Assert.True(error.Status.Detail.Length <= 303, $"detail of {error.Status.Detail.Length} characters");
    }
}
