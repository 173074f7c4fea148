using System.Diagnostics;
using System.Globalization;

namespace Partnership.Benchmarks;

/// <summary>A reading of every service's Prometheus endpoint and of the servers' CPU: metric name -> value summed over labels.</summary>
public sealed record Reading(Dictionary<string, Dictionary<string, double>> Services, Dictionary<string, double> CpuSeconds,
    Dictionary<string, Dictionary<int, long>> HostTicks, long At)
{
    public static async Task<Reading> Take(BenchSystem system, CancellationToken ct)
    {
        var services = new Dictionary<string, Dictionary<string, double>>();
        foreach (var service in BenchSystem.Services) services[service] = Parse(await system.Scrape(service, ct));
        var cpu = services.ToDictionary(s => s.Key, s => Sum(s.Value, "process_cpu_time"));
        cpu["driver"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var hosts = new Dictionary<string, Dictionary<int, long>> { ["postgresql"] = TicksOf("postgres"), ["rabbitmq"] = TicksOf("beam.smp") };
        return new Reading(services, cpu, hosts, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Scrapes every service three times, a second apart, before the first reading that counts. A service compiles its
    /// metrics endpoint (the exporter has no precompiled code) at its first scrape, then the framework methods that scrape
    /// calls often: measured, 200-265 ms of CPU per service in the second after it against 19-37 ms once warm. Taken as
    /// the measured phase's first reading, that was counted as the onboardings' CPU (about 1 ms per onboarding over
    /// 1,000); a deployment's Prometheus would have scraped long before.
    /// </summary>
    public static async Task WarmUp(BenchSystem system, CancellationToken ct)
    {
        for (var i = 0; i < 3; i++)
        {
            await Take(system, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>The services' value of every metric whose name starts with <paramref name="prefix"/>, summed; null if none has it.</summary>
    public double? Delta(Reading before, string prefix)
    {
        var names = Services.Values.SelectMany(m => m.Keys).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return names.Count == 0 ? null : Services.Sum(s => Sum(s.Value, prefix) - Sum(before.Services[s.Key], prefix));
    }

    public Dictionary<string, double> CpuSince(Reading before)
    {
        var since = CpuSeconds.ToDictionary(c => c.Key, c => c.Value - before.CpuSeconds[c.Key]);
        // Process by process: one that started since counts whole, one that ended since is not counted (its last moments
        // are lost). Summing the totals instead, a PostgreSQL backend that closed made the figure drop (negative idle
        // CPU), and adding the ended children's CPU (cutime) put a closed backend's whole life into the idle window.
        foreach (var (name, ticks) in HostTicks)
            since[name] = ticks.Sum(p => p.Value - before.HostTicks[name].GetValueOrDefault(p.Key)) / 100.0; // USER_HZ is 100 on Linux
        return since;
    }

    private static double Sum(Dictionary<string, double> metrics, string prefix) =>
        metrics.Where(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(m => m.Value);

    /// <summary>Prometheus text: <c>name{labels} value [timestamp]</c>; comments and buckets are skipped.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var result = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var end = line.IndexOfAny(['{', ' ']);
            var name = line[..end];
            if (name.EndsWith("_bucket", StringComparison.Ordinal)) continue;
            var value = line[(line.LastIndexOf('}') is var b && b > 0 ? b + 1 : end)..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                result[name] = result.GetValueOrDefault(name) + v;
        }
        return result;
    }

    /// <summary>
    /// PostgreSQL and RabbitMQ are not .NET: the CPU (user + system, in ticks) of each process of that name, from /proc.
    /// On a shared machine this includes other databases' backends; on a quiet one it is the system's.
    /// </summary>
    private static Dictionary<int, long> TicksOf(string name)
    {
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != name) continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks[pid] = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14, 15 of stat)
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }
        return ticks;
    }
}
