using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;
using Partnership.Benchmarks;
using Partnership.Testing;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the run, but let the finally blocks stop the app and drop the database and vhost.
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var runClock = Stopwatch.StartNew();
var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "_" + Guid.NewGuid().ToString("N")[..6];
var logDirectory = Path.Combine(Path.GetTempPath(), "partnership-bench-" + runId);
var database = "bench_" + runId;
var vhost = "bench-" + runId.Replace('_', '-');
var failures = new List<string>();
var report = new Report();
SystemUnderTest? system = null;
EventTap? tap = null;
var smtp = new RecordingSmtpServer();
var databaseCreated = false;
var vhostCreated = false;

void Progress(string message) => Console.WriteLine($"[{runClock.Elapsed.TotalSeconds,6:0.0} s] {message}");

try
{
    var repositoryRoot = TestServers.RepositoryRoot();
    await TestServers.EnsureUp(repositoryRoot);
    var servers = await TestServers.Describe();
    var code = await CodeVersion(repositoryRoot);
    var postgres = await TestServers.CreateDatabase(database);
    databaseCreated = true;
    var amqp = await TestServers.CreateVirtualHost(vhost);
    vhostCreated = true;
    smtp.Start();
    tap = await EventTap.Bind(amqp);
    var tapIndex = new TapIndex(tap);
    var mailIndex = new MailIndex(smtp);

    Progress($"Starting the system (database {database}, vhost {vhost}, SMTP on 127.0.0.1:{smtp.Port}, service logs in {logDirectory})");
    var startClock = Stopwatch.StartNew();
    using (var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
    {
        startTimeout.CancelAfter(TimeSpan.FromMinutes(3));
        system = await SystemUnderTest.Start(postgres, amqp, TestServers.Management, smtp.Port, logDirectory, startTimeout.Token);
    }
    startClock.Stop();
    var launched = system.LaunchedAs();
    Progress($"The four services are healthy after {startClock.Elapsed.TotalSeconds:0.0} s; running as " +
        string.Join(", ", launched.Select(l => $"{l.Service}={l.Configuration}")));

    system.Logs.Phase = "setup";
    var load = new OnboardingLoad(system, tapIndex, mailIndex, options, runId);
    Progress($"Setup: a partner in paid mode and {options.Onboardings} customer accounts");
    var setup = await load.Setup(ct);
    var eventsBefore = await EventCounts.Read(postgres, ct);
    tapIndex.Refresh();
    var tapBefore = tapIndex.TotalAll();

    Progress($"Main phase: {options.Onboardings} CreateCustomer calls, {options.Concurrency} in flight");
    system.Logs.Phase = "main";
    var postmaster = await PostmasterPid(postgres);
    var rabbitPid = RabbitPid();
    var sampled = launched.Where(l => l.Pid > 0).ToDictionary(l => l.Service, l => l.Pid);
    sampled["benchmark"] = Environment.ProcessId;
    var connections = await ConnectionSampler.Start(TestServers.PostgresAdmin, sampled);
    var cpuBefore = ProcessTable.Read();
    var mainClock = Stopwatch.StartNew();
    var main = await load.Run(setup, ct);
    mainClock.Stop();
    await connections.DisposeAsync();
    var cpu = CpuUsage.Between(cpuBefore, ProcessTable.Read(), mainClock.Elapsed, postmaster, rabbitPid);

    system.Logs.Phase = "after";
    Progress(main.TimedOut ? "The onboardings did not complete in time" : "All onboardings complete; letting the system settle");
    var eventsAfter = await Settled(postgres, ct);
    var holes = await EventCounts.Holes(postgres, eventsBefore, ct);
    var hops = await HopTimings.Read(postgres, main.Customers.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!).ToList(), ct);
    tapIndex.Refresh();
    var tapAfter = tapIndex.TotalAll();

    Progress("Stopping the system");
    system.Logs.Phase = "shutdown";
    var stopClock = Stopwatch.StartNew();
    var logs = system.Logs;
    await system.DisposeAsync();
    system = null;
    stopClock.Stop();
    mailIndex.Refresh();

    Progress($"Raw PostgreSQL baseline: {options.RawRows} autocommit INSERTs from {options.Concurrency} connections");
    var inserts = await RawBaselines.PostgresInserts(postgres, options.RawRows, options.Concurrency, ct);
    Progress($"Raw RabbitMQ baseline: {options.RawMessages} confirmed persistent publishes, {options.RawInFlight} in flight");
    var publishes = await RawBaselines.RabbitPublishes(amqp, options.RawMessages, options.RawInFlight, ct);

    WriteReport(report, options, servers, code, launched, startClock.Elapsed, setup, main,
        eventsAfter.Minus(eventsBefore), holes, hops, tapAfter - tapBefore, tapIndex, mailIndex, inserts, publishes, cpu, connections, logs,
        stopClock.Elapsed,
        failures);
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    failures.Add("the run was cancelled");
}
catch (Exception e)
{
    failures.Add("the run failed: " + e.Message);
    Console.Error.WriteLine(e);
}
finally
{
    Progress("Cleaning up");
    if (system is not null)
    {
        try
        {
            await system.DisposeAsync();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("Stopping the system failed: " + e.Message);
        }
    }
    if (tap is not null) await tap.DisposeAsync();
    await smtp.DisposeAsync();
    try
    {
        if (databaseCreated) await TestServers.DropDatabase(database);
        if (vhostCreated) await TestServers.DeleteVirtualHost(vhost);
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"Cleanup failed (database {database}, vhost {vhost}): {e.Message}");
    }
}

report.Row("verdict", failures.Count == 0 ? "PASS" : "FAIL: " + string.Join("; ", failures));
report.Row("benchmark run time", $"{runClock.Elapsed.TotalSeconds:0.0} s (build not included)");
Console.WriteLine();
Console.Write(report);
return failures.Count == 0 ? 0 : 1;

// Event counts once they stop moving: the last consumers may still append after the last completion was seen.
static async Task<EventCounts> Settled(string postgres, CancellationToken ct)
{
    var deadline = Stopwatch.StartNew();
    var last = await EventCounts.Read(postgres, ct);
    var stable = 0;
    while (stable < 2 && deadline.Elapsed < TimeSpan.FromSeconds(15))
    {
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var now = await EventCounts.Read(postgres, ct);
        stable = now.Total == last.Total ? stable + 1 : 0;
        last = now;
    }
    return last;
}

static async Task<int> PostmasterPid(string postgres)
{
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
    var backend = (int)(await command.ExecuteScalarAsync())!;
    return ProcessTable.Read().All.FirstOrDefault(p => p.Pid == backend)?.ParentPid ?? 0;
}

// The system under test is whatever the work tree holds; say which commit, and whether it had local changes.
static async Task<string> CodeVersion(string repositoryRoot)
{
    async Task<string> Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", repositoryRoot, .. arguments]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var git = Process.Start(start)!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
    var head = await Git("log", "-1", "--format=%h %s");
    var changes = (await Git("status", "--porcelain")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    return head.Length == 0 ? "unknown (no git)" : $"{Trim(head, 70)} + {changes} uncommitted changes in the work tree";
}

static int RabbitPid()
{
    try
    {
        return int.Parse(File.ReadAllText("/var/lib/rabbitmq/mnesia/rabbit@localhost.pid").Trim());
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
    {
        return 0;
    }
}

static void WriteReport(Report report, BenchmarkOptions options, string servers, string code,
    IReadOnlyList<SystemUnderTest.Launch> launched, TimeSpan start, SetupResult setup, MainResult main,
    EventCounts appended, IReadOnlyDictionary<string, (long Holes, long Numbers)> holes, IReadOnlyList<(string Label, double P50, double P95, double Max, int Count)> hops, int integrationMessages,
    TapIndex tap, MailIndex mail, RawResult inserts, RawResult publishes, CpuUsage cpu, ConnectionSampler connections, ServiceLogs logs,
    TimeSpan stop,
    List<string> failures)
{
    var n = options.Onboardings;
    var ok = main.Customers.Where(c => c.CustomerId is not null).ToList();
    var failed = main.Customers.Where(c => c.Error is not null).ToList();
    var firstStart = main.Customers.Min(c => c.StartedSeconds);
    var span = main.AllCompleteSeconds is { } last ? last - firstStart : double.NaN;
    var rate = main.TimedOut || ok.Count == 0 ? double.NaN : ok.Count / span;
    var createLatencies = ok.Select(c => c.CreateLatencySeconds!.Value).Order().ToList();
    var onboardingLatencies = ok.Where(c => c.CompletedSeconds is not null).Select(c => c.CompletedSeconds!.Value - c.StartedSeconds).Order().ToList();
    var configurations = launched.Select(l => l.Configuration).Distinct().ToList();

    report.Title($"Partnership onboarding benchmark: {n} onboardings, {options.Concurrency} CreateCustomer calls in flight");
    report.Row("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    report.Row("servers", servers);
    report.Row("code", code);
    var environments = launched.Select(l => l.EnvironmentName ?? "unset (Production)").Distinct();
    var otlp = launched.Select(l => l.OtlpEndpoint ?? "not set (no export)").Distinct();
    report.Row("services ran as", (configurations.Count == 1 ? configurations[0] : string.Join("/", configurations)) +
        $" builds; environment {string.Join("/", environments)}; OTEL_EXPORTER_OTLP_ENDPOINT {string.Join("/", otlp)}");
    foreach (var launch in launched) report.Row($"  {launch.Service}", Trim(launch.CommandLine, 220));

    report.Section("phases (timed separately)");
    report.Row("system start (to 4 services healthy)", $"{start.TotalSeconds:0.0} s");
    report.Row("setup", $"{setup.Duration.TotalSeconds:0.0} s: 1 partner (partner status, paid mode) + {setup.Customers.Count} customer accounts\n" +
        $"registration {setup.Registration.TotalSeconds:0.0} s = {Report.N(setup.Customers.Count / setup.Registration.TotalSeconds)} accounts/s; " +
        $"then all billing accounts open; {setup.WarmupCalls} warm-up calls (refused, nothing stored);\n" +
        $"{setup.WarmupCustomers.Count} warm-up onboarding(s) of extra customer accounts, not counted: {setup.WarmupOnboardings.TotalSeconds:0.0} s");
    report.Row("main phase", $"{Report.N(span, 2)} s from the first CreateCustomer to the last completed onboarding");
    report.Row("system stop", $"{stop.TotalSeconds:0.0} s");

    report.Section("main figure");
    report.Row("onboardings per second", Report.N(rate, 2) + (main.TimedOut ? $" (TIMED OUT after {options.CompletionTimeout.TotalSeconds:0} s)" : ""));
    report.Row("CreateCustomer latency", createLatencies.Count == 0 ? "n/a" :
        $"p50 {Report.Ms(Stats.Percentile(createLatencies, 50))}, p95 {Report.Ms(Stats.Percentile(createLatencies, 95))}, " +
        $"p99 {Report.Ms(Stats.Percentile(createLatencies, 99))}, max {Report.Ms(createLatencies[^1])}");
    report.Row("CreateCustomer calls", $"{ok.Count} ok, {failed.Count} failed; all returned after {Report.N(main.CreatesDoneSeconds - firstStart, 2)} s " +
        $"({Report.N(ok.Count / (main.CreatesDoneSeconds - firstStart))} calls/s)");
    foreach (var error in failed.GroupBy(f => f.Error).Take(5)) report.Row("  failed", $"{error.Count()} x {Trim(error.Key!, 160)}");
    report.Row("onboarding latency (create->done)", onboardingLatencies.Count == 0 ? "n/a" :
        $"p50 {Report.Ms(Stats.Percentile(onboardingLatencies, 50))}, p95 {Report.Ms(Stats.Percentile(onboardingLatencies, 95))}, " +
        $"p99 {Report.Ms(Stats.Percentile(onboardingLatencies, 99))}, max {Report.Ms(onboardingLatencies[^1])}");
    foreach (var (what, count) in main.Missing) report.Row("  missing at the timeout", $"{what}: {count}");

    var emails = main.Customers.Select(c => mail.To(c.Account.Email)).ToList();
    var histogram = emails.GroupBy(e => e).OrderBy(g => g.Key).Select(g => $"{g.Count()} customers got {g.Key}").ToList();
    var wrong = emails.Count(e => e != 1);
    report.Row("emails per customer", string.Join(", ", histogram) + (wrong == 0 ? " -> OK, exactly 1 each" : $" -> FAIL ({wrong} customers not exactly 1)"));
    if (wrong > 0) failures.Add($"{wrong} of {n} customers did not get exactly one email");
    if (failed.Count > 0) failures.Add($"{failed.Count} CreateCustomer calls failed");
    if (main.TimedOut) failures.Add($"not every onboarding completed within {options.CompletionTimeout.TotalSeconds:0} s");
    var known = main.Customers.Select(c => c.Account).Concat(setup.WarmupCustomers).Select(a => a.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
    var strangers = mail.Recipients.Count(r => !known.Contains(r));
    var warmupMails = setup.WarmupCustomers.Sum(w => mail.To(w.Email));
    report.Row("mails at the SMTP server", $"{mail.Total} in all ({warmupMails} of them to warm-up customers)" +
        (strangers > 0 ? $", {strangers} recipients that are neither" : ""));

    int TapTotal(string exchange) => ok.Sum(c => tap.Count(exchange, c.CustomerId!));
    report.Row("tap, for these customers", $"customer-provisioned {TapTotal(OnboardingLoad.Provisioned)}/{ok.Count}, " +
        $"organization-created {TapTotal(OnboardingLoad.OrganizationCreated)}/{ok.Count},\n" +
        $"access-binding-granted {TapTotal(OnboardingLoad.BindingGranted)}/{4 * ok.Count}, " +
        $"confirmation-email-sent {TapTotal(OnboardingLoad.EmailSent)}/{ok.Count}; repeated MessageIds {tap.RepeatedMessageIds}");

    report.Section("where an onboarding's time goes (commit timestamps of its events; p50 / p95 / max)");
    foreach (var hop in hops)
        report.Row($"  {hop.Label}", $"{Report.Ms(hop.P50)} / {Report.Ms(hop.P95)} / {Report.Ms(hop.Max)}  ({hop.Count} customers)");

    report.Section("events appended in the main phase (mt_events of the four schemas)");
    var perOnboarding = ok.Count == 0 ? double.NaN : (double)appended.Total / ok.Count;
    var appendedPerSecond = appended.Total / span;
    report.Row("events appended", $"{appended.Total} = {Report.N(perOnboarding, 2)} per onboarding = {Report.N(appendedPerSecond)} events/s");
    foreach (var (service, schema) in EventCounts.Stores)
    {
        var types = appended.ByType.Where(e => e.Key.Schema == schema && e.Value != 0).OrderBy(e => e.Key.Type)
            .Select(e => $"{e.Key.Type} {Report.N((double)e.Value / Math.Max(1, ok.Count), 2)}");
        report.Row($"  {service}", $"{Report.N((double)appended.InSchema(schema) / Math.Max(1, ok.Count), 2)}/onboarding: {string.Join(", ", types)}");
    }
    report.Row("holes in the event sequences", string.Join(", ", holes.Select(h => $"{h.Key} {h.Value.Holes} ({h.Value.Numbers} numbers)")) +
        "\n(sequence numbers of appends that failed, e.g. on a version conflict; the daemon waits before skipping each)");
    var messagesPerOnboarding = ok.Count == 0 ? double.NaN : (double)integrationMessages / ok.Count;
    report.Row("integration events published", $"{integrationMessages} seen by the tap = {Report.N(messagesPerOnboarding, 2)} per onboarding = " +
        $"{Report.N(integrationMessages / span)} publishes/s");

    report.Section("raw baselines (same servers, same run, after the system stopped)");
    report.Row("PostgreSQL inserts per second", $"{Report.N(inserts.PerSecond, 0)} ({inserts.Count} autocommit single-row INSERTs, " +
        $"{options.Concurrency} connections, {inserts.Duration.TotalSeconds:0.00} s; p50 {Report.N(inserts.P50Ms, 2)} ms, p99 {Report.N(inserts.P99Ms, 2)} ms)");
    report.Row("RabbitMQ confirmed publishes/s", $"{Report.N(publishes.PerSecond, 0)} ({publishes.Count} persistent ~300-byte messages, durable queue, " +
        $"{options.RawInFlight} in flight,\n{publishes.Duration.TotalSeconds:0.00} s; confirm p50 {Report.N(publishes.P50Ms, 1)} ms, p99 {Report.N(publishes.P99Ms, 1)} ms)");

    report.Section("ratios");
    report.Row("onboardings/s / raw inserts/s", $"{Report.N(rate / inserts.PerSecond, 5)} (one onboarding costs the time of {Report.N(inserts.PerSecond / rate, 0)} raw inserts)");
    report.Row("onboardings/s / raw publishes/s", $"{Report.N(rate / publishes.PerSecond, 5)} (one onboarding costs the time of {Report.N(publishes.PerSecond / rate, 0)} raw publishes)");
    report.Row("appended events/s / raw inserts/s", Report.N(appendedPerSecond / inserts.PerSecond, 4));
    report.Row("integration publishes/s / raw pub/s", Report.N(integrationMessages / span / publishes.PerSecond, 4));

    report.Section("where the CPU went during the main phase (from /proc)");
    report.Row("machine busy", $"{cpu.MachineBusyFraction:P0} of {Environment.ProcessorCount} cores over {cpu.WallSeconds:0.0} s " +
        $"({Report.N(cpu.MachineBusyFraction * Environment.ProcessorCount * cpu.WallSeconds)} core-seconds)");
    foreach (var (part, seconds) in cpu.ByPart.Where(p => p.Seconds >= 0.05))
        report.Row($"  {part}", $"{seconds:0.0} s = {Report.N(seconds * 1000 / Math.Max(1, ok.Count), 1)} ms per onboarding");
    foreach (var (process, seconds) in cpu.TopOthers.Where(p => p.Seconds >= 0.2))
        report.Row("    other: " + $"{seconds:0.0} s", Trim(process, 90));

    report.Section("PostgreSQL connections during the main phase (peaks of twice-a-second samples)");
    report.Row("server total (all databases)", $"{connections.PeakServerTotal} client backends at the peak ({connections.Samples} samples)");
    report.Row("held per process", string.Join(", ", connections.Peaks.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));

    report.Section("service log lines at warn/fail/crit (and stderr), by phase");
    var kinds = logs.Counts.OrderBy(k => k.Key.Phase).ThenBy(k => k.Key.Service).ThenByDescending(k => k.Value).ToList();
    if (kinds.Count == 0) report.Row("none", "");
    foreach (var (kind, count) in kinds.Take(25))
        report.Row($"  {kind.Phase} {kind.Service} {kind.Level}", $"{count} x {kind.Category}:\n{Trim(logs.ExampleOf(kind).ReplaceLineEndings(" "), 150)}");
    report.Row("service logs", logs.Directory);
}

static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";
