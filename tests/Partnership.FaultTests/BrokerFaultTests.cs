using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>RabbitMQ unreachable for the services (their proxy refuses and cuts): the shared test node keeps running.</summary>
public sealed class BrokerFaultTests(ITestOutputHelper output) : FaultScenario(output)
{
    [FaultFact]
    public async Task Broker_stopped_20_s_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("RabbitMQ stopped 20 s", () => For(TimeSpan.FromSeconds(20), System.Broker.Stop, System.Broker.Start));
        OneEmailEach(result);
    }
}
