namespace Partnership.Benchmarks;

/// <summary>A snapshot of /proc: command lines, parents and CPU time, to see where the machine's two cores went.</summary>
public sealed class ProcessTable
{
    public sealed record Entry(int Pid, int ParentPid, string Name, string CommandLine, long CpuTicks);

    public IReadOnlyList<Entry> All { get; }
    public long MachineBusyTicks { get; }
    public long MachineTotalTicks { get; }

    private ProcessTable(IReadOnlyList<Entry> all, long busy, long total)
    {
        All = all;
        MachineBusyTicks = busy;
        MachineTotalTicks = total;
    }

    public static ProcessTable Read()
    {
        var entries = new List<Entry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After the name: state, ppid, ... utime (index 11) and stime (index 12).
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                entries.Add(new Entry(pid, int.Parse(fields[1]), name, commandLine, ticks));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException
                                          or ArgumentOutOfRangeException)
            {
                // The process ended while it was read.
            }
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = cpu.Take(8).Sum();
        var idle = cpu[3] + cpu[4];
        return new ProcessTable(entries, total - idle, total);
    }

    /// <summary>
    /// The process and everything it started, including DCP: Aspire's orchestrator detaches (its parent becomes
    /// init) and is tied to the AppHost by "--monitor PID" instead.
    /// </summary>
    public HashSet<int> OwnedBy(int root)
    {
        var owned = DescendantsOf(root);
        foreach (var dcp in All.Where(e => e.CommandLine.Contains($"--monitor {root} ", StringComparison.Ordinal)
                                           || e.CommandLine.EndsWith($"--monitor {root}", StringComparison.Ordinal)))
            owned.UnionWith(DescendantsOf(dcp.Pid));
        return owned;
    }

    public HashSet<int> DescendantsOf(int root)
    {
        var children = All.ToLookup(e => e.ParentPid, e => e.Pid);
        var result = new HashSet<int> { root };
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
            foreach (var child in children[queue.Dequeue()])
                if (result.Add(child)) queue.Enqueue(child);
        return result;
    }
}

/// <summary>CPU seconds per part of the system between two snapshots, and how busy the machine was.</summary>
public sealed class CpuUsage
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private const string Other = "other processes on the machine";

    public required IReadOnlyList<(string Part, double Seconds)> ByPart { get; init; }
    public required IReadOnlyList<(string Process, double Seconds)> TopOthers { get; init; }
    public required double MachineBusyFraction { get; init; }
    public required double WallSeconds { get; init; }

    public static CpuUsage Between(ProcessTable before, ProcessTable after, TimeSpan wall, int postmasterPid, int rabbitPid)
    {
        var beforeTicks = before.All.ToDictionary(e => e.Pid, e => e.CpuTicks);
        var mine = after.OwnedBy(Environment.ProcessId);
        var postgres = postmasterPid > 0 ? after.DescendantsOf(postmasterPid) : [];
        var rabbit = rabbitPid > 0 ? after.DescendantsOf(rabbitPid) : [];
        var parts = new Dictionary<string, double>();
        var others = new Dictionary<string, double>();
        foreach (var entry in after.All)
        {
            var ticks = entry.CpuTicks - beforeTicks.GetValueOrDefault(entry.Pid);
            if (ticks <= 0) continue;
            var part = Classify(entry, mine, postgres, rabbit);
            parts[part] = parts.GetValueOrDefault(part) + ticks / TicksPerSecond;
            if (part == Other)
            {
                var name = entry.CommandLine.Length == 0 ? $"[{entry.Name}]" : entry.CommandLine[..Math.Min(90, entry.CommandLine.Length)];
                others[name] = others.GetValueOrDefault(name) + ticks / TicksPerSecond;
            }
        }
        // A process that ended in between took its CPU time with it; the machine-wide figure still counts it.
        var accounted = parts.Values.Sum();
        var busySeconds = (after.MachineBusyTicks - before.MachineBusyTicks) / TicksPerSecond;
        if (busySeconds - accounted > 0.05) parts["(processes that ended in between, anyone's; kernel)"] = busySeconds - accounted;
        var total = (double)(after.MachineTotalTicks - before.MachineTotalTicks);
        return new CpuUsage
        {
            ByPart = parts.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToList(),
            TopOthers = others.OrderByDescending(p => p.Value).Take(3).Select(p => (p.Key, p.Value)).ToList(),
            MachineBusyFraction = total <= 0 ? 0 : (after.MachineBusyTicks - before.MachineBusyTicks) / total,
            WallSeconds = wall.TotalSeconds,
        };
    }

    private static string Classify(ProcessTable.Entry entry, HashSet<int> mine, HashSet<int> postgres, HashSet<int> rabbit)
    {
        if (postgres.Contains(entry.Pid)) return "PostgreSQL (test server)";
        if (rabbit.Contains(entry.Pid)) return "RabbitMQ (test server)";
        if (!mine.Contains(entry.Pid)) return Other;
        if (entry.Pid == Environment.ProcessId) return "benchmark process (driver, Aspire host, tap, SMTP)";
        foreach (var service in SystemUnderTest.Services)
            if (entry.CommandLine.Contains(SystemUnderTest.ServiceProject(service), StringComparison.Ordinal)) return $"service {service}";
        if (entry.CommandLine.Contains("dcp", StringComparison.OrdinalIgnoreCase)) return "Aspire DCP (orchestrator, endpoint proxies)";
        return "other children of the benchmark";
    }
}
