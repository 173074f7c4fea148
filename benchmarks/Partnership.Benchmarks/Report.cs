using System.Globalization;
using System.Text;

namespace Partnership.Benchmarks;

/// <summary>A plain-text table: a label column and a value column, with section rules.</summary>
public sealed class Report
{
    private const int LabelWidth = 40;
    private readonly StringBuilder _text = new();

    public void Title(string title)
    {
        _text.AppendLine(new string('=', 100));
        _text.AppendLine(title);
        _text.AppendLine(new string('=', 100));
    }

    public void Section(string name) => _text.AppendLine($"---- {name} ".PadRight(100, '-'));

    public void Row(string label, string value)
    {
        var lines = value.Split('\n');
        _text.AppendLine((label.Length < LabelWidth ? label.PadRight(LabelWidth) : label + "  ") + lines[0]);
        foreach (var more in lines.Skip(1)) _text.AppendLine(new string(' ', LabelWidth) + more);
    }

    public void Text(string line) => _text.AppendLine(line);

    public override string ToString() => _text.ToString();

    public static string N(double value, int decimals = 1) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Ms(double seconds) => N(seconds * 1000, 0) + " ms";
}
