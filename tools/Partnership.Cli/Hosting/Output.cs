using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Partnership.Cli.Hosting;

/// <summary>
/// Prints proto messages: as proto3 JSON (Google.Protobuf's JsonFormatter, every field present, enum names) for scripts,
/// or as a table of chosen fields for people. The JSON is the wire contract's, so it stays as stable as the protos.
/// </summary>
public sealed class Output(bool json, TextWriter writer)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public bool Json => json;

    /// <summary>One message: JSON, or one "field  value" line per field.</summary>
    public void Message(IMessage message)
    {
        if (json)
        {
            writer.WriteLine(Formatter.Format(message));
            return;
        }
        var fields = message.Descriptor.Fields.InDeclarationOrder();
        Table(["FIELD", "VALUE"], fields.Select(f => new[] { f.Name, Text(f, f.Accessor.GetValue(message)) }));
    }

    /// <summary>A list response: JSON of the whole response (items and next_page_token), or a table of the items' columns.</summary>
    public void List<T>(IMessage response, IEnumerable<T> items, params string[] columns) where T : IMessage
    {
        if (json)
        {
            writer.WriteLine(Formatter.Format(response));
            return;
        }
        var rows = items.Select(item => Row(item, columns)).ToList();
        Table([.. columns.Select(c => c.ToUpperInvariant())], rows);
        var next = response.Descriptor.FindFieldByName("next_page_token")?.Accessor.GetValue(response) as string;
        if (next is { Length: > 0 }) writer.WriteLine($"(more: --page-token {next}, or --all)");
    }

    /// <summary>One message of a stream: a JSON object a line, or one line of the columns.</summary>
    public void StreamItem(IMessage message, params string[] columns)
    {
        writer.WriteLine(json ? Formatter.Format(message) : string.Join("  ", Row(message, columns)));
        writer.Flush();
    }

    /// <summary>Plain values (profiles): JSON of a dictionary, or two columns.</summary>
    public void Values(IReadOnlyList<(string Key, string Value)> values)
    {
        if (json)
            writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => v.Value)));
        else
            Table(["KEY", "VALUE"], values.Select(v => new[] { v.Key, v.Value }));
    }

    private static string[] Row(IMessage message, string[] columns) =>
    [
        .. columns.Select(column => message.Descriptor.FindFieldByName(column) is { } field
            ? Text(field, field.Accessor.GetValue(message))
            : throw new InvalidOperationException($"{message.Descriptor.Name} has no field {column}")),
    ];

    private void Table(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }

    private static string Text(FieldDescriptor field, object? value) => value switch
    {
        null => "",
        IList list when field.IsRepeated => string.Join(",", list.Cast<object>().Select(item => Text(field, item, repeatedItem: true))),
        _ => Text(field, value, repeatedItem: false),
    };

    private static string Text(FieldDescriptor field, object value, bool repeatedItem) => value switch
    {
        Timestamp time => time.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        System.Enum e when field.FieldType == FieldType.Enum => field.EnumType.FindValueByNumber(Convert.ToInt32(e))?.Name ?? e.ToString(),
        // Money and the like: its fields side by side ("4000.00 RUB").
        IMessage m when m.Descriptor.Fields.InDeclarationOrder().All(f => f.FieldType == FieldType.String) =>
            string.Join(" ", m.Descriptor.Fields.InDeclarationOrder().Select(f => (string)f.Accessor.GetValue(m))).Trim(),
        IMessage m => Formatter.Format(m),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
