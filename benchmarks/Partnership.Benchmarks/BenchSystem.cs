using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>The system the end-to-end tests start, with each service's Prometheus endpoint on and a quiet console.</summary>
public sealed class BenchSystem() : SystemUnderTest(typeof(Projects.Partnership_AppHost), "bench")
{
    /// <summary>
    /// What the driver reads: the setup's billing accounts and the pieces of a completed onboarding (see Completion).
    /// Bound to every exchange, as the end-to-end tests' tap is, the driver's queue took every event of an onboarding
    /// (nine) where completion needs three, each one more delivery for RabbitMQ and one more parse for the driver, on
    /// the two cores the system is measured on.
    /// </summary>
    public const string BillingAccountCreated = "partnership.billing-account-created.v1";

    public static readonly string[] Read =
    [
        BillingAccountCreated, Completion.Provisioned, Completion.OrganizationCreated, Completion.EmailSent,
    ];

    protected override IReadOnlyList<string> TappedExchanges => Read;

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var service in Services)
        {
            var resource = builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment("Telemetry__PrometheusEndpoint", "true");
            // BENCH_PERF_MAP=1: the services write /tmp/perf-<pid>.map (and JIT without W^X double mapping), so `perf
            // record -g -p <pids>` names managed frames. Off by default: both cost CPU.
            if (Environment.GetEnvironmentVariable("BENCH_PERF_MAP") is "1")
                resource.WithEnvironment("DOTNET_PerfMapEnabled", "1").WithEnvironment("DOTNET_EnableWriteXorExecute", "0");
            // BENCH_SERVICE_ENV="EventStore__DaemonWakeGapMilliseconds=250;DOTNET_X=1": settings for every service, to
            // compare a setting in pairs of runs without a build.
            foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (setting.Split('=', 2) is [var name, var value]) resource.WithEnvironment(name.Trim(), value);
        }
        // The AppHost's warnings only: not the services' output (".Resources."), nor the health checks a service
        // still starting fails with a stack trace each time.
        builder.Services.AddLogging(logging => logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter<ConsoleLoggerProvider>((category, level) => level >= LogLevel.Warning
                && !(category ?? "").Contains(".Resources.", StringComparison.Ordinal) && !(category ?? "").Contains("HealthChecks", StringComparison.Ordinal)));
    }

    /// <summary>The service's Prometheus text (see ServiceDefaults' PrometheusEndpoint).</summary>
    public async Task<string> Scrape(string service, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = App.GetEndpoint(service, "http") };
        return await http.GetStringAsync("/metrics", ct);
    }
}
