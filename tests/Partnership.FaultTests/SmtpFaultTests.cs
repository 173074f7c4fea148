using Xunit.Abstractions;

namespace Partnership.FaultTests;

/// <summary>The mail server hung or refusing: a send that certainly did not happen must happen later, once.</summary>
public sealed class SmtpFaultTests(ITestOutputHelper output) : FaultScenario(output)
{
    [FaultFact]
    public async Task Smtp_frozen_30_s_gives_every_customer_exactly_one_email()
    {
        var (_, result) = await RunWave("SMTP frozen 30 s", () => For(TimeSpan.FromSeconds(30), System.Mail.Freeze, System.Mail.Thaw));
        OneEmailEach(result);
    }

    [FaultFact]
    public async Task Smtp_refusing_30_s_gives_every_customer_exactly_one_email()
    {
        var (_, result) = await RunWave("SMTP refusing 30 s", () => For(TimeSpan.FromSeconds(30), System.Mail.Stop, System.Mail.Start));
        OneEmailEach(result);
    }

    [FaultFact(FaultRun.Long), Trait("Category", "Long")]
    public async Task Smtp_down_10_min_gives_every_customer_exactly_one_email()
    {
        var (_, result) = await RunWave("SMTP down 10 min", () => For(TimeSpan.FromMinutes(10), System.Mail.Stop, System.Mail.Start),
            patience: TimeSpan.FromMinutes(3));
        OneEmailEach(result);
    }
}
