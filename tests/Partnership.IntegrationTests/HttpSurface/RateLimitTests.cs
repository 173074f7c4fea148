using Grpc.Core;
using Partnership.Contracts.Customers.V1;
using Partnership.ServiceDefaults.Grpc.RateLimiting;

namespace Partnership.IntegrationTests.HttpSurface;

public sealed class RateLimitTests
{
    [Theory]
    [InlineData("/partnership.customers.v1.Customers/CreateCustomer", true)]
    [InlineData("/partnership.billing.v1.Clouds/LinkCloud", true)]
    [InlineData("/partnership.identity.v1.Accounts/FindAccountByEmail", false)]
    [InlineData("/partnership.billing.v1.Clouds/CheckLinkable", false)]
    [InlineData("ListCustomers", false)]
    public void Writes_are_told_from_reads_by_name(string method, bool write) => Assert.Equal(write, WriteRpcs.IsWrite(method));

    [Fact]
    public async Task Writes_beyond_the_burst_are_resource_exhausted_with_a_retry_hint_and_reads_are_not_limited()
    {
        await using var host = await SurfaceHost.Start(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:WritesPerSecond"] = "1", ["RateLimiting:Burst"] = "2",
        });
        var create = new CreateCustomerRequest { RequestId = "r", Name = "Acme", Email = "a@b.ru" };
        await host.Customers.CreateCustomerAsync(create, SurfaceHost.Deadline());
        await host.Customers.CreateCustomerAsync(create, SurfaceHost.Deadline());
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Customers.CreateCustomerAsync(create, SurfaceHost.Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("retry after", error.Status.Detail);
        Assert.True(int.Parse(error.Trailers.GetValue("retry-after-ms")!) > 0);

        for (var i = 0; i < 20; i++)
            await host.Customers.ListCustomersAsync(new ListCustomersRequest(), SurfaceHost.Deadline());
    }
}
