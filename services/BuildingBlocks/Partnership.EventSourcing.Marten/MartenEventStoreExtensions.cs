using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Partnership.ServiceDefaults;
using Weasel.Core;

namespace Partnership.EventSourcing.Marten;

public static class MartenEventStoreExtensions
{
    /// <summary>
    /// The service's event store: Marten on the "postgres" connection string, in the service's own schema
    /// (no service reads another's), with the daemon running its catch-up subscriptions.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string schema, EventTypeRegistry eventTypes, Action<StoreOptions>? configure = null)
    {
        builder.Services.AddSingleton(eventTypes);
        var daemonMode = builder.Configuration.GetValue("EventStore:DaemonMode", DaemonMode.HotCold);
        builder.Services.AddSingleton(new EventStoreDaemonMode(daemonMode));
        var groupCommit = GroupCommitOptions.From(builder.Configuration);
        builder.Services.AddSingleton(sp => new MartenEventStore(sp.GetRequiredService<IDocumentStore>(), sp.GetServices<ICommitListener>(),
            sp.GetRequiredService<NpgsqlDataSource>(), groupCommit, sp.GetRequiredService<ILogger<MartenEventStore>>(),
            sp.GetRequiredService<DaemonWakeup>()));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<MartenEventStore>());
        builder.Services.AddSingleton<ISubscriptionControl, MartenSubscriptionControl>();
        // 100 ms, and 1 s under sustained load: fewer, larger batches measured less CPU (at 300 ms, PostgreSQL 12.2-12.9 ms
        // per onboarding against 14.0-16.0 at 100; at 1 s, the system 15.9 ms against 19.3 at 300, benchmarks/HISTORY.md). The gap is how
        // far read models may trail their commits, so a list first waits for its read model to take what was committed
        // before it was asked for (ReadModelFreshness), which also ends the gap; without that wait, a list read right
        // after an onboarding in CI found its read model not yet updated. Nothing else reads a read model in a hurry:
        // the sweepers and the resumer look for what is seconds old.
        builder.Services.AddSingleton(sp => new DaemonWakeup(sp.GetRequiredService<NpgsqlDataSource>(), schema,
            TimeSpan.FromMilliseconds(builder.Configuration.GetValue("EventStore:DaemonWakeGapMilliseconds", 100.0)),
            sp.GetRequiredService<ILogger<DaemonWakeup>>(),
            busyGap: TimeSpan.FromMilliseconds(builder.Configuration.GetValue("EventStore:DaemonBusyWakeGapMilliseconds", 1000.0)),
            onlyDaemon: daemonMode == DaemonMode.HotCold));
        builder.Services.AddSingleton<ICommitListener>(sp => sp.GetRequiredService<DaemonWakeup>());
        builder.Services.AddSingleton(new CatchUpGap(
            TimeSpan.FromMilliseconds(builder.Configuration.GetValue("EventStore:CatchUpGapMilliseconds", CatchUpPacing.DefaultGap.TotalMilliseconds))));
        builder.Services.AddSingleton<CommandHandler>();
        // One pool for Marten, the published-event and parked-stream logs and the stream change feed: the server's
        // connection slots are shared by all services. Aspire's data source on the "postgres" connection string, built
        // and disposed by the service container (Marten does not dispose a data source it is given, and a host stopped
        // and rebuilt, as tests do, must not leave its connections open). It brings Npgsql's traces and metrics; its
        // health check (Unhealthy until PostgreSQL answers a query, on the same pool) keeps the name /health has always
        // shown, "postgres", instead of Aspire's "PostgreSql": operators and probes read it.
        // Its spans only where the service records spans (Telemetry.Traced).
        builder.AddNpgsqlDataSource("postgres", settings =>
            {
                settings.DisableHealthChecks = true;
                settings.DisableTracing = !Telemetry.Traced(builder.Configuration);
            },
            source => TunePool(source.ConnectionStringBuilder, builder.Configuration));
        builder.Services.AddHealthChecks().AddNpgSql(name: "postgres", tags: ["ready"]);
        // The data source logs through the host: Npgsql writes a line per completed command (Information, dozens per
        // onboarding) and an error with its stack for every pooled connection a PostgreSQL outage breaks (87 in a
        // 20 s outage of the fault suite). Outages are told once by our own code and by /health; so Npgsql stays
        // silent, as before Aspire's data source, unless Logging:LogLevel:Npgsql asks for it.
        if (builder.Configuration["Logging:LogLevel:Npgsql"] is null) builder.Logging.AddFilter("Npgsql", LogLevel.None);
        builder.Services.AddSingleton<IPublishedEventLog>(sp =>
            new PostgresPublishedEventLog(sp.GetRequiredService<NpgsqlDataSource>(), schema));
        builder.Services.AddSingleton<IParkedStreamLog>(sp =>
            new PostgresParkedStreamLog(sp.GetRequiredService<NpgsqlDataSource>(), schema));
        // Registered before Marten's daemon, so with PostgreSQL up the schema is in place before the daemon starts;
        // with it down the service starts anyway (Unhealthy) instead of exiting.
        builder.Services.AddSingleton<EventStoreSchema>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventStoreSchema>());
        builder.Services.AddHealthChecks().AddCheck<EventStoreSchema>("event-store", tags: ["ready"]);
        return builder.Services.AddMarten(sp =>
            {
                var o = new StoreOptions();
                o.Connection(sp.GetRequiredService<NpgsqlDataSource>());
                o.DatabaseSchemaName = schema;
                o.Events.DatabaseSchemaName = schema;
                o.Events.StreamIdentity = StreamIdentity.AsString;
                o.Events.MetadataConfig.HeadersEnabled = true;
                o.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                foreach (var (type, name) in eventTypes.Names) o.Events.MapEventType(type, name);
                // A commit wakes the daemon at once instead of at its next poll (DaemonWakeup: this process's commits
                // directly, another replica's through one NOTIFY per commit on the store's own channel, and a busy daemon
                // at most every EventStore:DaemonWakeGapMilliseconds, or DaemonBusyWakeGapMilliseconds under sustained
                // load, so it reads events in batches); an idle store polls only
                // every SlowPollingTime, a safety net. Not Marten's UseListenNotifyForEventAppends, which wakes the daemon
                // for every commit however often, and drops a commit made during a read.
                o.Events.UseListenNotifyForEventAppends = false;
                o.Projections.Wakeup = sp.GetRequiredService<DaemonWakeup>();
                o.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
                o.Projections.SlowPollingTime = TimeSpan.FromSeconds(builder.Configuration.GetValue("EventStore:IdlePollSeconds", 10.0));
                // The daemon's own check for stalled agents and a stalled high-water mark queries the store each round:
                // every second it was the largest single cost of an idle service (after the JIT). Agents that stop are
                // restarted this much later at most.
                o.Projections.HealthCheckPollingTime = TimeSpan.FromSeconds(builder.Configuration.GetValue("EventStore:DaemonHealthCheckSeconds", 10.0));
                // A failed append (a version conflict) leaves a hole in the sequence; the daemon holds every
                // subscription until it decides the hole is dead. Marten checks for live transactions before it
                // skips, so a short wait is safe and keeps conflicts from stalling the flow for 3 s each.
                o.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(1);
                // By default the daemon skips the events a subscription or projection throws on ("dead letters") and
                // moves its checkpoint past them: for the forwarder that is an event never published, for a read model
                // a wrong row. A throw pauses the shard instead, which the daemon restarts, handing the same events again.
                // (Unknown types and unreadable data stay skipped by the daemon: MartenCatchUpSubscription finds them
                // and hands them over as UnreadableEvent, so they park loudly instead.)
                o.Projections.Errors.SkipApplyErrors = false;
                configure?.Invoke(o);
                return o;
            })
            .UseLightweightSessions()
            // The schema is applied by EventStoreSchema (inline when PostgreSQL answers at start, else in the background).
            // HotCold: of the replicas of a service, one (the holder of Marten's advisory lock) runs the store's daemon;
            // the others take over when it goes. Solo runs a daemon in every process. Disabled only in tests that prove
            // events leave on commit without any polling.
            .AddAsyncDaemon(daemonMode);
    }

    private static void TunePool(NpgsqlConnectionStringBuilder pool, IConfiguration config)
    {
        // Four services share one server (100 connections by default). Unbounded pools exhausted it under
        // load (the benchmark saw "too many clients" and failed calls); a bounded pool queues instead.
        pool.MaxPoolSize = config.GetValue("Postgres:MaxPoolSize", 20);
        // The same few statements (stream reads, appends, read-model upserts) run for every command: prepared once
        // per connection, PostgreSQL stops parsing and planning them each time (a large part of its CPU per
        // onboarding in the benchmark). With prepared statements, Npgsql's reset on returning a connection to the
        // pool also keeps them instead of DISCARD ALL (which dropped every cached plan).
        pool.MaxAutoPrepare = config.GetValue("Postgres:MaxAutoPrepare", 64);
        // Returning a connection to the pool otherwise costs a seven-command reset (RESET ALL, UNLISTEN *,
        // pg_advisory_unlock_all, ...) at its next use: ~0.23 ms of server time, and a command rents a connection
        // for each statement, about 27 times per onboarding. Nothing here leaves session state behind: session
        // advisory locks are released explicitly (Marten's leadership lock by its own release), no SET or temporary table
        // outlives a transaction. Marten's LISTEN connection is held by the daemon for as long as it runs.
        pool.NoResetOnClose = config.GetValue("Postgres:NoResetOnClose", true);
    }

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCatchUpSubscriber<TSubscriber>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TSubscriber : class, ICatchUpSubscriber
    {
        marten.Services.AddSingleton<TSubscriber>();
        return marten.AddSubscriptionWithServices<MartenCatchUpSubscription<TSubscriber>>(ServiceLifetime.Singleton);
    }
}

/// <summary>How the store's daemon runs in this process (EventStore:DaemonMode).</summary>
public sealed record EventStoreDaemonMode(DaemonMode Mode);
