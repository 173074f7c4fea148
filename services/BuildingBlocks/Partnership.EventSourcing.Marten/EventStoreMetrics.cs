using System.Diagnostics.Metrics;

namespace Partnership.EventSourcing.Marten;

/// <summary>
/// What group commit achieves, as OpenTelemetry counters: appends per commit is the batching the load reaches.
/// Tagged with the store's schema, so one process's stores (or tests sharing a process) can be told apart.
/// </summary>
public static class EventStoreMetrics
{
    public const string MeterName = "Partnership.EventStore";
    public const string Commits = "partnership.eventstore.commits";
    public const string Appends = "partnership.eventstore.appends";
    public const string SchemaTag = "schema";

    private static readonly Meter Meter = new(MeterName);
    internal static readonly Counter<long> CommitCounter =
        Meter.CreateCounter<long>(Commits, "{transaction}", "Event store transactions committed");
    internal static readonly Counter<long> AppendCounter =
        Meter.CreateCounter<long>(Appends, "{append}", "Appends (one caller's events to one stream) committed");
}
