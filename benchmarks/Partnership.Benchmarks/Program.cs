using System.Diagnostics;
using Partnership.Benchmarks;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message + "\n" + Options.Usage);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the run, but let the finally block stop the app and drop the database and vhost.
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var run = Stopwatch.StartNew();
void Progress(string message) => Console.WriteLine($"[{run.Elapsed.TotalSeconds,6:0.0} s] {message}");
var system = new BenchSystem();
var failures = new List<string>();
try
{
    Progress("Starting the system (AppHost, fresh database and vhost, SMTP in this process)");
    await system.InitializeAsync();
    var onboarding = new Onboarding(system, new Completion(system), options);
    Progress($"Setup: a partner in paid mode, {options.Warmup + options.Onboardings} customer accounts, {options.Warmup} warm-up onboardings");
    var customers = await onboarding.Setup(ct);
    await Reading.WarmUp(system, ct);

    Progress($"Measured phase: {options.Onboardings} onboardings, {options.Concurrency} in flight (create to email)");
    var stores = await Stores.Count(system.Postgres);
    var before = await Reading.Take(system, ct);
    var tappedBefore = system.Tap.Events.Count;
    var outcomes = await onboarding.Run(customers, ct);
    var after = await Reading.Take(system, ct);
    var tapped = system.Tap.Events.Count - tappedBefore;
    await Task.Delay(TimeSpan.FromSeconds(2), ct); // the last consumers' appends after the last completion
    var storesAfter = await Stores.Count(system.Postgres);
    var holes = new Dictionary<string, long>();
    foreach (var schema in Stores.Schemas) holes[schema] = await Stores.Holes(system.Postgres, schema, stores[schema].MaxSeq);
    var hops = await Stores.Hops(system.Postgres, outcomes.Where(o => o.CustomerId is not null).Select(o => o.CustomerId!).ToHashSet());

    Progress($"Idle: {options.SettleSeconds} s to settle, then {options.IdleSeconds} s measured, with no requests");
    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
    var idleBefore = await Reading.Take(system, ct);
    await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), ct);
    var idle = (await Reading.Take(system, ct)).CpuSince(idleBefore);
    var mails = system.Smtp.Received.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    Progress("Stopping the system; fair limits on the same servers");
    await system.App.StopAsync(ct);
    // The events a commit carried, on average: the insert limit is also measured at that batch size, so the store is
    // compared with the database at the batching it actually reaches, not at the nearest of 1, 16 and 128.
    var stored = Stores.Schemas.Sum(s => storesAfter[s].Events - stores[s].Events);
    var commits = after.Delta(before, "partnership_eventstore_commits");
    var eventsPerCommit = commits is > 0 ? stored / commits.Value : 1;
    var reached = Math.Max(1, (int)Math.Round(eventsPerCommit));
    var inserts = new SortedDictionary<int, double>();
    foreach (var batch in new[] { 1, 16, 128, reached }.Distinct())
        inserts[batch] = await FairLimits.BatchedInserts(system.Postgres, batch, options.LimitSeconds);
    var messages = await FairLimits.MassTransitRoundTrip(system.Servers, options.Messages);

    var report = new Report(options.Onboardings);
    var n = options.Onboardings;
    var ok = outcomes.Where(o => o.Done > 0).ToList();
    var span = ok.Count == 0 ? double.NaN : Stopwatch.GetElapsedTime(outcomes.Min(o => o.Started), ok.Max(o => o.Done)).TotalSeconds;
    var emails = customers.Select(c => mails.GetValueOrDefault(c.Email)).ToList();
    if (outcomes.Count(o => o.Error is not null) is var refused and > 0) failures.Add($"{refused} CreateCustomer calls failed: {outcomes.First(o => o.Error is not null).Error}");
    if (ok.Count < outcomes.Count(o => o.CustomerId is not null)) failures.Add($"{outcomes.Count(o => o.CustomerId is not null) - ok.Count} onboardings did not complete");
    if (emails.Count(e => e != 1) is var wrong and > 0) failures.Add($"{wrong} customers did not get exactly one email");

    report.Title($"Partnership onboarding benchmark: {n} onboardings, {options.Concurrency} in flight, {Environment.ProcessorCount} cores");
    report.Row("onboardings/s", Report.N(ok.Count / span, 1) + $" ({ok.Count} completed in {Report.N(span, 2)} s)");
    report.Percentiles("CreateCustomer", outcomes.Where(o => o.Created > 0).Select(o => Stopwatch.GetElapsedTime(o.Started, o.Created).TotalSeconds));
    report.Percentiles("create -> email", ok.Select(o => Stopwatch.GetElapsedTime(o.Started, o.Mailed).TotalSeconds));
    report.Row("emails per customer", string.Join(", ", emails.GroupBy(e => e).OrderBy(g => g.Key).Select(g => $"{g.Count()} got {g.Key}")));
    report.Section("hops: commit -> publish -> consume -> commit (stored event timestamps)");
    foreach (var (label, seconds) in hops) report.Percentiles("  " + label, seconds);
    report.Section("stores");
    var appends = after.Delta(before, "partnership_eventstore_appends");
    report.Row("events stored per onboarding", Report.N((double)stored / n, 1));
    report.Row("commits, appends per onboarding", $"{Report.PerOnboarding(commits, n)}, {Report.PerOnboarding(appends, n)} (event store counters)");
    report.Row("sequence holes", string.Join(", ", holes.Select(h => $"{h.Key} {h.Value}")));
    report.Section("MassTransit (the services' own metrics): per onboarding; mean durations");
    foreach (var name in after.Services.Values.SelectMany(m => m.Keys).Distinct().Where(m => m.StartsWith("messaging_masstransit_")).Order())
    {
        var label = "  " + name["messaging_masstransit_".Length..];
        if (name.EndsWith("_total") && !name.Contains("_active")) report.Row(label, Report.PerOnboarding(after.Delta(before, name), n));
        else if (name.EndsWith("_sum") && after.Delta(before, name[..^4] + "_count") is > 0 and var count)
            report.Row(label[..^4], Report.N(after.Delta(before, name)!.Value / count * (name.Contains("_milliseconds") ? 1 : 1000), 1) + " ms");
    }
    // The driver's own queue is RabbitMQ's work and the driver's too: shown so that what the driver reads is counted.
    report.Row("  deliveries to the driver's tap", Report.PerOnboarding(tapped, n));
    report.Section("CPU ms per onboarding (services: process.cpu.time; PostgreSQL, RabbitMQ: /proc)");
    report.Cpu(after.CpuSince(before), v => Report.N(v * 1000 / n, 1));
    report.Section($"idle CPU over {options.IdleSeconds} s, from {options.SettleSeconds} s after the load, % of one core");
    report.Cpu(idle, v => Report.N(v * 100 / options.IdleSeconds, 2) + " %");
    report.Section($"fair limits, same servers ({FairLimits.Writers} connections for inserts)");
    foreach (var (batch, rate) in inserts) report.Row($"  mt_events-shaped rows/s, {batch} per commit", Report.N(rate, 0));
    report.Row("  MassTransit publish -> consume -> ack", Report.N(messages, 0) + " msgs/s");
    report.Row("appended events/s / insert limit", $"{Report.N(stored / span / inserts[reached], 3)} at {reached} per commit " +
        (commits is > 0 ? $"(measured {Report.N(eventsPerCommit, 1)} events per commit)" : "(no commit counter: 1 per commit assumed)"));
    report.Row("verdict", failures.Count == 0 ? "PASS" : "FAIL: " + string.Join("; ", failures));
    Console.Write(report);
}
catch (Exception e)
{
    failures.Add(e.Message);
    Console.Error.WriteLine(ct.IsCancellationRequested ? "The run was cancelled." : e.ToString());
}
finally
{
    Progress("Cleaning up");
    try
    {
        await system.DisposeAsync(); // stops the services, then drops the run's database and virtual host
    }
    catch (Exception e)
    {
        Console.Error.WriteLine("Cleanup failed: " + e.Message);
    }
}
return failures.Count == 0 ? 0 : 1;
