using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>PostgreSQL frozen, down, or its connections terminated, for the services of this system alone.</summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output) : FaultScenario(output)
{
    [FaultFact]
    public async Task Postgres_frozen_20_s_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("PostgreSQL frozen 20 s", () => For(TimeSpan.FromSeconds(20), System.Database.Freeze, System.Database.Thaw));
        OneEmailEach(result);
    }

    [FaultFact]
    public async Task Postgres_down_20_s_with_connections_killed_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("PostgreSQL down 20 s, connections killed",
            () => For(TimeSpan.FromSeconds(20), System.Database.Stop, System.Database.Start));
        OneEmailEach(result);
    }

    [FaultFact]
    public async Task Every_postgres_connection_terminated_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("PostgreSQL connections terminated", () =>
        {
            var cut = System.Database.Connections;
            System.Database.CutAll();
            return Task.FromResult($"{cut} connections cut");
        });
        OneEmailEach(result);
    }

    /// <summary>The measurement that lost an email with no crash: intents written before a long freeze.</summary>
    [FaultFact(FaultRun.Long), Trait("Category", "Long")]
    public async Task Postgres_frozen_4_min_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("PostgreSQL frozen 4 min (wave of 5)",
            () => For(TimeSpan.FromMinutes(4), System.Database.Freeze, System.Database.Thaw), size: 5, patience: TimeSpan.FromMinutes(3));
        OneEmailEach(result);
    }

    [FaultFact(FaultRun.Long), Trait("Category", "Long")]
    public async Task Postgres_down_10_min_loses_no_onboarding_and_no_email()
    {
        var (_, result) = await RunWave("PostgreSQL down 10 min", () => For(TimeSpan.FromMinutes(10), System.Database.Stop, System.Database.Start),
            patience: TimeSpan.FromMinutes(3));
        OneEmailEach(result);
    }
}
