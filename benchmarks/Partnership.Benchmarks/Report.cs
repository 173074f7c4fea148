using System.Globalization;
using System.Text;

namespace Partnership.Benchmarks;

/// <summary>A plain-text table: a label column and a value column, with section rules.</summary>
public sealed class Report(int onboardings)
{
    private readonly StringBuilder _text = new();

    public void Title(string title) => _text.AppendLine(new string('=', 100)).AppendLine(title).AppendLine(new string('=', 100));

    public void Section(string name) => _text.AppendLine($"---- {name} ".PadRight(100, '-'));

    public void Row(string label, string value) => _text.AppendLine(label.PadRight(52) + value);

    public void Percentiles(string label, IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        Row(label, sorted.Count == 0 ? "n/a" : $"p50 {Ms(sorted, 50)}, p95 {Ms(sorted, 95)}, p99 {Ms(sorted, 99)} ms ({sorted.Count} of {onboardings})");
    }

    public void Cpu(Dictionary<string, double> seconds, Func<double, string> format)
    {
        foreach (var (process, value) in seconds) Row("  " + process, format(value));
        Row("  all together", format(seconds.Values.Sum()));
        // The driver (load, SMTP server, tap, and the AppHost's orchestration) is not the system under test.
        Row("  the system (all but the driver)", format(seconds.Where(s => s.Key != "driver").Sum(s => s.Value)));
    }

    public override string ToString() => _text.ToString();

    public static string N(double value, int decimals) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string PerOnboarding(double? total, int onboardings) => total is { } t ? N(t / onboardings, 2) : "n/a";

    /// <summary>Nearest-rank percentile of sorted seconds, in milliseconds.</summary>
    private static string Ms(List<double> sorted, double percentile) =>
        N(sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)] * 1000, 0);
}
