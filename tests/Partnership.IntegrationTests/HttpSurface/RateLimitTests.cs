using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.ServiceDefaults.Grpc.RateLimiting;

namespace Partnership.IntegrationTests.HttpSurface;

// Inside the namespace, so it wins over the Partnership.CustomerService service namespace.

public sealed class RateLimitTests
{
    [Theory]
    [InlineData("/partnership.customers.v1.Customers/CreateCustomer", true)]
    [InlineData("/partnership.billing.v1.Clouds/LinkCloud", true)]
    [InlineData("/partnership.identity.v1.Accounts/FindAccountByEmail", false)]
    [InlineData("/partnership.billing.v1.Clouds/CheckLinkable", false)]
    [InlineData("ListCustomers", false)]
    public void Writes_are_told_from_reads_by_name(string method, bool write) => Assert.Equal(write, WriteRpcs.IsWrite(method));

    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; } = 1_000_000;
        public override long TimestampFrequency => 1_000;
        public override long GetTimestamp() => Now;
    }

    private static WriteRateLimiter Limiter(ManualClock clock, int perSecond, int burst) =>
        new(Microsoft.Extensions.Options.Options.Create(new RateLimitOptions { WritesPerSecond = perSecond, Burst = burst }), clock);

    [Fact]
    public void A_bucket_gives_its_burst_then_refills_with_the_time_since_the_last_write()
    {
        var clock = new ManualClock();
        var limiter = Limiter(clock, perSecond: 10, burst: 3);
        for (var i = 0; i < 3; i++) Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);

        clock.Now += 50; // half a token
        Assert.False(limiter.TryAcquire("a", out retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(50), retryAfter);
        clock.Now += 50;
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out _));

        clock.Now += 60_000; // a long pause fills the bucket to its burst, no more
        for (var i = 0; i < 3; i++) Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("b", out _));
    }

    [Fact]
    public void Full_buckets_are_dropped_once_many_callers_have_come_and_a_partly_used_one_is_kept()
    {
        var clock = new ManualClock();
        var limiter = Limiter(clock, perSecond: 1, burst: 2);
        Assert.True(limiter.TryAcquire("hot", out _));
        Assert.True(limiter.TryAcquire("hot", out _));
        for (var i = 0; i <= 10_000; i++) Assert.True(limiter.TryAcquire("caller " + i, out _));
        Assert.Equal(10_002, limiter.Callers);

        clock.Now += 1_000; // the callers' buckets are full again, the hot one's holds one token
        Assert.True(limiter.TryAcquire("newcomer", out _));
        Assert.Equal(2, limiter.Callers);
        Assert.True(limiter.TryAcquire("hot", out _));
        Assert.False(limiter.TryAcquire("hot", out _));
    }

    private static readonly CreateCustomerRequest Create = new() { RequestId = "r", Name = "Acme", Email = "a@b.ru" };

    // Writes until refused: with a burst of 2 at 1 a second, a slow machine may see a token added between calls.
    private static async Task<RpcException> FirstRefusal(Func<Task> write)
    {
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await write();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                Assert.True(i >= 2, $"refused after {i} writes, within the burst of 2");
                return e;
            }
        }
        throw new Xunit.Sdk.XunitException("20 writes in a row were not limited.");
    }

    [Fact]
    public async Task Writes_beyond_the_burst_are_resource_exhausted_with_a_retry_hint_and_reads_are_not_limited()
    {
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:WritesPerSecond"] = "1", ["RateLimiting:Burst"] = "2",
        });
        var error = await FirstRefusal(() => host.Customers.CreateCustomerAsync(Create, SurfaceHost.Deadline()).ResponseAsync);
        Assert.Contains("retry after", error.Status.Detail);
        Assert.True(int.Parse(error.Trailers.GetValue("retry-after-ms")!) > 0);
        var info = error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("RATE_LIMITED", info?.Reason);
        Assert.Equal(error.Trailers.GetValue("retry-after-ms"), info!.Metadata["retry_after_ms"]);

        for (var i = 0; i < 20; i++)
            await host.Customers.ListCustomersAsync(new ListCustomersRequest(), SurfaceHost.Deadline());
    }

    [Fact]
    public async Task Each_caller_has_its_own_bucket()
    {
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:WritesPerSecond"] = "1", ["RateLimiting:Burst"] = "2",
        });
        Task<Customer> CreateAs(string caller) => host.Customers.CreateCustomerAsync(Create,
            new CallOptions(new Metadata { { "x-caller", caller } }, DateTime.UtcNow.AddSeconds(10))).ResponseAsync;

        await FirstRefusal(() => CreateAs("aje-first"));
        // The first caller's bucket is empty; the second's and the anonymous (per IP) one are full.
        await CreateAs("aje-second");
        await CreateAs("aje-second");
        await host.Customers.CreateCustomerAsync(Create, SurfaceHost.Deadline());
    }
}
