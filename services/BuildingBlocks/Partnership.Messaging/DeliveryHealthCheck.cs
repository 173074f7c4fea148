using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Partnership.Messaging;

/// <summary>
/// Unhealthy when a stream's delivery is parked (naming the store, stream, position and why) or when delivery has
/// stalled past Messaging:Delivery:StallAfter with events waiting.
/// </summary>
public sealed class DeliveryHealthCheck(StreamParking parking, DeliveryProgress progress, IOptions<IntegrationEventDeliveryOptions> options)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["store"] = parking.Store };
        if (progress.Lag is { } lag) data["lag"] = lag;
        if (parking.Parked is { Count: > 0 } parked)
        {
            var streams = string.Join("; ", parked.Take(5).Select(p =>
                $"stream {p.StreamId} at position {p.Position} ({p.EventType}): {p.Reason}"));
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Delivery parked in store {parking.Store} for {parked.Count} stream(s): {streams}. It resumes when a build that can deliver it starts.",
                data: data));
        }
        var stall = options.Value.StallAfter;
        if (progress.Stalled > stall)
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Delivery in store {parking.Store} stalled: {progress.Lag} event(s) waiting, checkpoint {progress.Checkpoint} of " +
                $"{progress.Head}, no progress for {progress.Stalled.TotalSeconds:0} s (Messaging:Delivery:StallAfter {stall.TotalSeconds:0} s).",
                data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"Delivery in store {parking.Store} is moving.", data));
    }
}
