using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Partnership.Messaging;

namespace Partnership.AsyncApi;

/// <summary>
/// The records' documentation comments (Partnership.Contracts.xml, built beside the assembly): the catalogue's
/// descriptions are the ones C# subscribers read, written once.
/// </summary>
public sealed partial class XmlDocs(XDocument xml, Assembly assembly)
{
    public static XmlDocs For(Assembly assembly) =>
        new(XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml")), assembly);

    public string? Summary(Type type) => Text(Member(type)?.Element("summary"));

    /// <summary>A primary constructor parameter's comment, given on the record.</summary>
    public string? Param(Type type, string name) =>
        Text(Member(type)?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

    private XElement? Member(Type type) =>
        xml.Root?.Element("members")?.Elements("member").FirstOrDefault(m => (string?)m.Attribute("name") == $"T:{type.FullName}");

    // Parameter references become wire names (camelCase), type references the type's name: a record's as on the wire
    // ("PartnershipSuspended", without IntegrationEvent).
    private string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = string.Concat(element.Nodes().Select(node => node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "paramref" } e => $"`{Wire((string?)e.Attribute("name") ?? "")}`",
            XElement { Name.LocalName: "see" } e => See((string?)e.Attribute("cref") ?? ""),
            XElement e => e.Value,
            _ => "",
        }));
        return Whitespace().Replace(text, " ").Trim();
    }

    private string See(string cref) =>
        cref.StartsWith("T:") && assembly.GetType(cref[2..]) is { } type && IntegrationEventPublishers.ExchangeOf(type) is not null
            ? EventCatalogue.MessageName(type)
            : cref.Split('.', ':')[^1];

    public static string Wire(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
