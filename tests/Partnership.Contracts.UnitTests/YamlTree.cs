using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Partnership.Contracts.UnitTests;

/// <summary>A YAML document read by a real YAML parser, as JSON: what another team's tools see in the catalogue.</summary>
internal static class YamlTree
{
    public static JsonNode? Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Json(stream.Documents.Single().RootNode);
    }

    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Json).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value!),
        YamlScalarNode q => JsonValue.Create(q.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    // YAML 1.2 core schema: plain true/false/null and numbers are not strings.
    private static JsonNode? Plain(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" or "~" => null,
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ => JsonValue.Create(value),
    };
}
