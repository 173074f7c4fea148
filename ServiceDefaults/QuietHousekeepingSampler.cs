using OpenTelemetry.Trace;

namespace Partnership.ServiceDefaults;

/// <summary>
/// Drops the traces Marten's async daemon starts for its own upkeep (marten.daemon.highwatermark, a few a second per
/// store even with no traffic, and marten.daemon.skipping), so the dashboard's Traces page shows requests and
/// messages. Only root spans: housekeeping never runs inside a request, and nothing inside a request is dropped.
/// Their children (the daemon's SQL) go with them, as the parent-based sampler already does for any dropped parent.
/// Telemetry:HousekeepingSpans=true keeps them, for looking into the daemon itself.
/// </summary>
public sealed class QuietHousekeepingSampler : Sampler
{
    private readonly Sampler _inner = new ParentBasedSampler(new AlwaysOnSampler());

    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        if (parameters.ParentContext.TraceId == default && IsHousekeeping(parameters.Name))
            return new SamplingResult(SamplingDecision.Drop);
        return _inner.ShouldSample(parameters);
    }

    // Marten names them "<store prefix>.daemon.<what>" (JasperFx.Events' HighWaterAgent).
    public static bool IsHousekeeping(string spanName) => spanName.Contains(".daemon.", StringComparison.Ordinal);
}
