using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Partnership.EventSourcing;
using Partnership.EventSourcing.Marten;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests.Platform;

/// <summary>
/// The event store's pool (Aspire's NpgsqlDataSource): tuned as configured (Postgres:*), owned by the container, so a host
/// stopped and disposed (as tests rebuild them) closes its connections; its SQL traced once, and dropped with the daemon's
/// housekeeping span it runs in.
/// In the infrastructure collection so that no other test's listener records these spans meanwhile.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class EventStoreDataSourceTests(TestInfrastructure infra)
{
    private static readonly ActivitySource Marten = new("Marten");

    [Fact]
    public void The_pool_is_bounded_prepares_its_statements_and_skips_the_reset_by_default_and_as_configured()
    {
        var defaults = Pool(new());
        Assert.Equal((20, 64, true), (defaults.MaxPoolSize, defaults.MaxAutoPrepare, defaults.NoResetOnClose));
        var configured = Pool(new()
        {
            ["Postgres:MaxPoolSize"] = "7", ["Postgres:MaxAutoPrepare"] = "0", ["Postgres:NoResetOnClose"] = "false",
        });
        Assert.Equal((7, 0, false), (configured.MaxPoolSize, configured.MaxAutoPrepare, configured.NoResetOnClose));
    }

    [Fact]
    public async Task A_stopped_and_disposed_host_leaves_no_connection_to_its_database()
    {
        var database = await infra.CreateDatabase("pool");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.AddEventStore("pool", TestEventTypes.Registry());
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IEventStore>()
            .AppendToStream("thing-pooled", ExpectedVersion.NoStream, [new ThingHappened("p", 1)], default);
        Assert.True(await Connections(name) > 0, "the running host holds pooled connections");

        await host.StopAsync();
        host.Dispose();

        await Eventually.Get(() => Connections(name), n => n == 0, what: "the disposed host's connections to close");
    }

    [Fact]
    public async Task Event_store_SQL_is_traced_once_and_dropped_with_daemon_housekeeping()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = await infra.CreateDatabase("traced");
        // As in a service whose spans are collected (Telemetry.Traced).
        builder.Configuration["Telemetry:Tracing"] = "true";
        builder.ConfigureOpenTelemetry();
        builder.AddEventStore("traced", TestEventTypes.Registry());
        var collector = new Collector();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(collector));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var source = host.Services.GetRequiredService<NpgsqlDataSource>();
            ActivityTraceId inRequest, inHousekeeping;
            using (var request = Telemetry.ActivitySource.StartActivity("request", ActivityKind.Server)!)
            {
                inRequest = request.TraceId;
                await source.CreateCommand("SELECT 1").ExecuteScalarAsync();
            }
            using (var housekeeping = Marten.StartActivity("marten.daemon.highwatermark")!)
            {
                inHousekeeping = housekeeping.TraceId;
                await source.CreateCommand("SELECT 1").ExecuteScalarAsync();
            }

            Assert.Single(collector.Npgsql, traceId => traceId == inRequest);
            Assert.DoesNotContain(inHousekeeping, collector.Npgsql);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private NpgsqlConnectionStringBuilder Pool(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = infra.PostgresAdmin;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventStore("pool", TestEventTypes.Registry());
        using var host = builder.Build();
        return new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
    }

    private async Task<long> Connections(string database)
    {
        await using var admin = new NpgsqlConnection(infra.PostgresAdmin);
        await admin.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", admin)
        {
            Parameters = { new() { Value = database } },
        };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private sealed class Collector : BaseProcessor<Activity>
    {
        public ConcurrentQueue<ActivityTraceId> Npgsql { get; } = new();

        public override void OnEnd(Activity data)
        {
            if (data.Recorded && data.Source.Name == "Npgsql") Npgsql.Enqueue(data.TraceId);
        }
    }
}
