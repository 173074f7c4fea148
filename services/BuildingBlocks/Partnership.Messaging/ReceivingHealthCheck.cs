using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Partnership.Messaging;

/// <summary>
/// Unhealthy when a receive queue of this service has held ready messages for Messaging:Delivery:StallAfter while this
/// process took none of them, by depths the broker answered (a broker away makes the service Degraded through
/// MassTransit's own check instead): its consumers are not receiving. When none of those messages is in a consumer here,
/// the receive side itself is stuck and the bus is restarted (<see cref="StalledReceiveRestart"/>); a consumer that holds
/// its messages (slow or stuck) is only reported here.
/// </summary>
public sealed class ReceivingHealthCheck(ReceiveProgress progress, ReceiveQueues queues, StalledReceiveRestart restart,
    IOptions<IntegrationEventDeliveryOptions> options)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var after = options.Value.StallAfter;
        var stalled = progress.Stalled(after);
        if (stalled.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy($"Receiving from {queues.Names.Count} queue(s)."));
        var which = string.Join("; ", stalled.Select(s => $"{s.Queue}: {s.Ready} ready, none taken for {s.For.TotalSeconds:0} s"));
        return Task.FromResult(HealthCheckResult.Unhealthy(
            $"Messages wait in {stalled.Count} receive queue(s) and this process takes none (Messaging:Delivery:StallAfter " +
            $"{after.TotalSeconds:0} s): {which}. Its consumers are not receiving; with none of their messages in a consumer here " +
            $"the bus is restarted (restarts so far: {restart.Restarts}).",
            data: stalled.ToDictionary(s => s.Queue, s => (object)s.Ready)));
    }
}
