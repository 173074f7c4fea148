using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests.Platform;

/// <summary>The opt-in scrape endpoint the benchmark reads: there only when configured, with the process's CPU time.</summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_with_process_cpu_time_when_configured()
    {
        await using var app = await Start(new() { [PrometheusEndpoint.Setting] = "true" });
        using var response = await Get(app);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("process_cpu_time", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task There_is_no_metrics_endpoint_by_default()
    {
        await using var app = await Start(new());
        using var response = await Get(app);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<WebApplication> Start(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.ConfigureOpenTelemetry();
        var app = builder.Build();
        app.MapPrometheusEndpoint();
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpResponseMessage> Get(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient();
        return await http.GetAsync(address + "/metrics");
    }
}
