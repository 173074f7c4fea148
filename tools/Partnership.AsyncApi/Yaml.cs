using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Partnership.AsyncApi;

/// <summary>
/// A JSON tree written as block YAML: mappings and sequences indented by two, strings plain when they cannot be read as
/// anything else and JSON-quoted (valid YAML double-quoted scalars) otherwise. Enough for the catalogue, no library.
/// </summary>
public static partial class Yaml
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~" };

    public static string Write(JsonNode root)
    {
        var lines = new List<string>();
        Node(root, 0, lines);
        return string.Join("\n", lines) + "\n";
    }

    private static void Node(JsonNode? node, int indent, List<string> lines)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (IsBlock(value)) { lines.Add($"{pad}{Scalar(key)}:"); Node(value, indent + 2, lines); }
                    else if (IsParagraphs(value, out var text))
                    {
                        // Prose keeps its paragraphs: a literal block, without the final line break ("|-").
                        lines.Add($"{pad}{Scalar(key)}: |-");
                        lines.AddRange(text.Split('\n').Select(line => line.Length == 0 ? "" : $"{pad}  {line}"));
                    }
                    else lines.Add($"{pad}{Scalar(key)}: {Inline(value)}");
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (!IsBlock(item)) { lines.Add($"{pad}- {Inline(item)}"); continue; }
                    // The item's first line goes after the dash, the rest under it.
                    var inner = new List<string>();
                    Node(item, indent + 2, inner);
                    lines.Add($"{pad}- {inner[0][(indent + 2)..]}");
                    lines.AddRange(inner.Skip(1));
                }
                break;
        }
    }

    private static bool IsParagraphs(JsonNode? node, out string text)
    {
        text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        return text.Contains('\n') && !text.EndsWith('\n') && !text.Split('\n').Any(line => line.StartsWith(' ') || line.EndsWith(' '));
    }

    private static bool IsBlock(JsonNode? node) => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string Scalar(string text) =>
        Plain().IsMatch(text) && !Reserved.Contains(text) ? text : JsonSerializer.Serialize(text, Quoting);

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_.\-/]*$")]
    private static partial Regex Plain();
}
