using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>
/// A fresh system for each scenario: a fault that is not recovered from must not spill into the next one's
/// figures, and each scenario's UNKNOWN and FAILED counts are its own.
/// </summary>
public abstract class FaultScenario(ITestOutputHelper output) : IAsyncLifetime
{
    protected FaultySystem System { get; } = new();
    protected ITestOutputHelper Output { get; } = output;

    public async Task InitializeAsync()
    {
        try
        {
            await System.InitializeAsync();
        }
        catch
        {
            // xunit does not dispose what failed to initialize: the half-started services would hold their database
            // connections until the test host exits.
            await System.DisposeAsync();
            throw;
        }
    }
    public Task DisposeAsync() => System.DisposeAsync();

    /// <summary>Prepares a wave of <paramref name="size"/> onboardings, runs it with the fault, prints its line.</summary>
    protected async Task<(Wave Wave, FaultResult Result)> RunWave(string name, Func<Task<string>> fault, int size = 20,
        TimeSpan? patience = null)
    {
        var wave = await Wave.Prepare(System, Output, size);
        var result = await wave.Run(name, fault, faultAfter: Math.Max(1, size * 3 / 10), patience);
        return (wave, result);
    }

    /// <summary>The targets for every scenario: no onboarding lost, no customer emailed twice.</summary>
    protected static void NothingLostNoDuplicates(FaultResult result)
    {
        Assert.True(result.Created == result.Onboardings, $"{result.Onboardings - result.Created} onboardings were never created: {result}");
        Assert.True(result.Lost == 0, $"{result.Lost} customers were never provisioned: {result}");
        Assert.True(result.SeveralEmails == 0, $"{result.SeveralEmails} customers got more than one email: {result}");
    }

    /// <summary>A fault that costs no customer the email: every customer got exactly one.</summary>
    protected static void OneEmailEach(FaultResult result)
    {
        NothingLostNoDuplicates(result);
        Assert.True(result.OneEmail == result.Onboardings, $"{result.NoEmail} customers got no email: {result}");
    }

    protected static async Task<string> For(TimeSpan duration, Action start, Action end)
    {
        start();
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            end();
        }
        return "";
    }
}
