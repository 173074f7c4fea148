using System.CommandLine;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Partnership.Cli.Hosting;

/// <summary>
/// An option whose values are a proto enum's names as the protos and the JSON spell them (VERIFICATION_REQUIRED), also
/// accepted in lower case and with dashes (verification-required); the *_UNSPECIFIED value is not offered.
/// </summary>
public static class ProtoEnumOption
{
    public static Option<T> Create<T>(string name, string description, bool required = false) where T : struct, System.Enum
    {
        var names = Names<T>();
        var option = new Option<T>(name)
        {
            Description = $"{description}: {string.Join(", ", names.Keys)}",
            HelpName = name.TrimStart('-'),
            Required = required,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value.Replace('-', '_').ToUpperInvariant();
                if (names.TryGetValue(text, out var value)) return value;
                result.AddError($"'{result.Tokens.Single().Value}' is not one of {string.Join(", ", names.Keys)} for {name}.");
                return default;
            },
        };
        return option;
    }

    private static Dictionary<string, T> Names<T>() where T : struct, System.Enum =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Name: f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name, Value: (T)f.GetValue(null)!))
            .Where(v => Convert.ToInt32(v.Value) != 0)
            .ToDictionary(v => v.Name, v => v.Value);
}
