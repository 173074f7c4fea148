using System.Diagnostics;
using System.Globalization;

namespace Partnership.Benchmarks;

/// <summary>A reading of every service's Prometheus endpoint and of the servers' CPU: metric name -> value summed over labels.</summary>
public sealed record Reading(Dictionary<string, Dictionary<string, double>> Services, Dictionary<string, double> CpuSeconds, long At)
{
    public static async Task<Reading> Take(BenchSystem system, CancellationToken ct)
    {
        var services = new Dictionary<string, Dictionary<string, double>>();
        foreach (var service in BenchSystem.Services) services[service] = Parse(await system.Scrape(service, ct));
        var cpu = services.ToDictionary(s => s.Key, s => Sum(s.Value, "process_cpu_time"));
        cpu["postgresql"] = HostCpu("postgres");
        cpu["rabbitmq"] = HostCpu("beam.smp");
        cpu["driver"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return new Reading(services, cpu, Stopwatch.GetTimestamp());
    }

    /// <summary>The services' value of every metric whose name starts with <paramref name="prefix"/>, summed; null if none has it.</summary>
    public double? Delta(Reading before, string prefix)
    {
        var names = Services.Values.SelectMany(m => m.Keys).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return names.Count == 0 ? null : Services.Sum(s => Sum(s.Value, prefix) - Sum(before.Services[s.Key], prefix));
    }

    public Dictionary<string, double> CpuSince(Reading before) => CpuSeconds.ToDictionary(c => c.Key, c => c.Value - before.CpuSeconds[c.Key]);

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
    /// PostgreSQL and RabbitMQ are not .NET: their CPU (user + system) from /proc, all processes of that name. On a
    /// shared machine this includes other databases' backends; on a quiet one it is the system's.
    /// </summary>
    private static double HostCpu(string name)
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != name) continue;
                var fields = stat[(close + 2)..].Split(' ');
                // utime, stime, and cutime, cstime: the CPU of children that ended (fields 14-17 of stat). A PostgreSQL
                // backend that closes moves its CPU into the postmaster's cutime, so the sum never drops (idle CPU
                // read without it came out negative when the pools closed connections).
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
