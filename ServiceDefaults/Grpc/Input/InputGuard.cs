using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Partnership.ServiceDefaults.Grpc.Input;

/// <summary>The first field of a request that breaks the generic input rules, named by its path ("deltas[2].role_id").</summary>
public sealed record InputViolation(string Field, string Problem)
{
    public string Detail => $"{Field}: {Problem}";
}

/// <summary>
/// Walks a request's fields by protobuf reflection, nested and repeated ones included, so that every RPC, present and
/// future, refuses control characters (PostgreSQL refuses U+0000 outright), broken UTF-16, oversized strings and lists,
/// and enum numbers the contract does not define.
/// </summary>
public static class InputGuard
{
    public static InputViolation? Check(IMessage message, InputLimits limits) => CheckMessage(message, limits, "");

    private static InputViolation? CheckMessage(IMessage message, InputLimits limits, string prefix)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            var violation = field switch
            {
                { IsMap: true } => CheckMap(field, (IDictionary)value, limits, name),
                { IsRepeated: true } => CheckList(field, (IList)value, limits, name),
                _ => CheckValue(field, value, limits, name),
            };
            if (violation is not null) return violation;
        }
        return null;
    }

    private static InputViolation? CheckList(FieldDescriptor field, IList values, InputLimits limits, string name)
    {
        if (values.Count > limits.MaxRepeatedCount) return new(name, $"must have at most {limits.MaxRepeatedCount} entries.");
        for (var i = 0; i < values.Count; i++)
            if (CheckValue(field, values[i], limits, $"{name}[{i}]") is { } violation) return violation;
        return null;
    }

    private static InputViolation? CheckMap(FieldDescriptor field, IDictionary entries, InputLimits limits, string name)
    {
        if (entries.Count > limits.MaxRepeatedCount) return new(name, $"must have at most {limits.MaxRepeatedCount} entries.");
        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        var i = 0;
        foreach (DictionaryEntry entry in entries)
        {
            var violation = CheckValue(keyField, entry.Key, limits, $"{name}[{i}].key")
                ?? CheckValue(valueField, entry.Value, limits, $"{name}[{i}].value");
            if (violation is not null) return violation;
            i++;
        }
        return null;
    }

    private static InputViolation? CheckValue(FieldDescriptor field, object? value, InputLimits limits, string name) =>
        field.FieldType switch
        {
            FieldType.String when value is string text => CheckString(text, limits, name),
            FieldType.Message or FieldType.Group when value is IMessage nested => CheckMessage(nested, limits, name + "."),
            FieldType.Enum when value is not null && field.EnumType.FindValueByNumber(Convert.ToInt32(value)) is null =>
                new(name, "is not a known value."),
            _ => null,
        };

    private static InputViolation? CheckString(string text, InputLimits limits, string name)
    {
        if (text.Length > limits.MaxStringLength) return new(name, $"must be at most {limits.MaxStringLength} characters.");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // char.IsControl is exactly Unicode category Cc: U+0000-U+001F and U+007F-U+009F.
            if (char.IsControl(c)) return new(name, "must not contain control characters.");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return new(name, "must be valid Unicode text.");
        }
        return null;
    }
}
