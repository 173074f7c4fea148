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
