using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Partnership.EventSourcing;
using Partnership.IntegrationTests.Infrastructure;
using Partnership.IntegrationTests.Platform;
using Partnership.Messaging;

namespace Partnership.IntegrationTests.Faults;

/// <summary>Delivery that stops moving while events wait makes /health Unhealthy, with the lag, and the gauge shows it.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DeliveryStallTests(TestInfrastructure infra)
{
    [Fact]
    public async Task A_forwarder_that_stops_moving_makes_health_unhealthy_with_the_lag()
    {
        var (database, amqp) = (await infra.CreateDatabase("stall"), await infra.CreateVirtualHost("stall"));
        var mapper = new FrozenMapper();
        using var sender = ServiceHosts.Sender(database, amqp, mapper, new Dictionary<string, string?>
        {
            ["Messaging:Delivery:OnCommit"] = "false",
            ["Messaging:Delivery:CatchUpGrace"] = "00:00:00.1",
            ["Messaging:Delivery:StallAfter"] = "00:00:02",
            ["Messaging:Delivery:MonitorInterval"] = "00:00:00.2",
        });
        await sender.StartAsync();
        var health = sender.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["delivery"].Status);

        await sender.Services.GetRequiredService<IEventStore>()
            .AppendToStream("thing-s", ExpectedVersion.NoStream, [new ThingHappened("s", 1), new ThingHappened("s", 2)], default);
        var report = await Eventually.Get(() => health.CheckHealthAsync(), r => r.Entries["delivery"].Status == HealthStatus.Unhealthy,
            what: "the stall to show");
        Assert.Contains("stalled: 2 event(s) waiting", report.Entries["delivery"].Description);
        Assert.Equal(2L, sender.Services.GetRequiredService<DeliveryProgress>().Lag);

        mapper.Thaw();
        await Eventually.Get(() => health.CheckHealthAsync(), r => r.Entries["delivery"].Status == HealthStatus.Healthy,
            what: "healthy once delivery moves again");
        await sender.StopAsync();
    }

    /// <summary>Blocks the forwarder, as a frozen broker connection would, until thawed.</summary>
    private sealed class FrozenMapper : IIntegrationEventMapper
    {
        private readonly ManualResetEventSlim _thawed = new();

        public object? Map(RecordedEvent recorded)
        {
            _thawed.Wait();
            return new ThingMapper().Map(recorded);
        }

        public void Thaw() => _thawed.Set();
    }
}
