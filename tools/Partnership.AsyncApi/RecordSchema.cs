using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Serialization;
using Partnership.Contracts.IntegrationEvents.Json;

namespace Partnership.AsyncApi;

/// <summary>
/// A record's JSON Schema as MassTransit writes it: property names and converters come from MassTransit's own serializer
/// settings (the "message" of its envelope), required are the constructor parameters without a default.
/// </summary>
public static class RecordSchema
{
    public static JsonObject Of(Type record, XmlDocs docs)
    {
        var info = SystemTextJsonMessageSerializer.Options.GetTypeInfo(record);
        var parameters = record.GetConstructors().Single().GetParameters().ToDictionary(p => p.Name!, StringComparer.OrdinalIgnoreCase);
        var nullability = new NullabilityInfoContext();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in info.Properties)
        {
            var member = (PropertyInfo)property.AttributeProvider!;
            var parameter = parameters[member.Name];
            var schema = TypeSchema(property.PropertyType, property.CustomConverter,
                nullability.Create(member).ReadState == NullabilityState.Nullable, docs);
            if (docs.Param(record, member.Name) is { Length: > 0 } description)
                schema["description"] = schema["description"] is { } format ? $"{description} {format}" : description;
            if (parameter.HasDefaultValue && parameter.DefaultValue is { } value) schema["default"] = JsonValue.Create(value);
            properties[property.Name] = schema;
            if (!parameter.HasDefaultValue) required.Add(property.Name);
        }
        var result = new JsonObject { ["type"] = "object" };
        if (docs.Summary(record) is { Length: > 0 } summary) result["description"] = summary;
        result["required"] = required;
        result["properties"] = properties;
        return result;
    }

    /// <summary>
    /// A decimal without our converter, as MassTransit's settings write it: today a string with as many places as the
    /// value happens to have ("4000", "130.5"), which is why version 2 of the money events exists.
    /// </summary>
    private static JsonObject DecimalAsWritten() =>
        JsonSerializer.Serialize(1.5m, SystemTextJsonMessageSerializer.Options).StartsWith('"')
            ? new()
            {
                ["type"] = "string", ["pattern"] = @"^-?[0-9]+(\.[0-9]+)?$", ["examples"] = new JsonArray("4000", "130.5"),
                ["description"] = "A decimal string with as many places as the amount had.",
            }
            : new() { ["type"] = "number" };

    private static JsonObject TypeSchema(Type type, object? converter, bool nullable, XmlDocs docs)
    {
        JsonObject schema = type switch
        {
            _ when type == typeof(decimal) && converter is MoneyAmountJsonConverter => new()
            {
                ["type"] = "string", ["pattern"] = MoneyAmountJsonConverter.Pattern, ["examples"] = new JsonArray("4000.00"),
            },
            _ when converter is not null => throw new InvalidOperationException($"No schema for the converter {converter.GetType().Name}."),
            _ when type == typeof(string) => new() { ["type"] = "string" },
            _ when type == typeof(decimal) => DecimalAsWritten(),
            _ when type == typeof(int) => new() { ["type"] = "integer", ["format"] = "int32" },
            _ when type == typeof(long) => new() { ["type"] = "integer", ["format"] = "int64" },
            _ when type == typeof(bool) => new() { ["type"] = "boolean" },
            _ when type == typeof(Guid) => new() { ["type"] = "string", ["format"] = "uuid" },
            _ when type == typeof(DateTimeOffset) => new() { ["type"] = "string", ["format"] = "date-time" },
            _ when ListElement(type) is { } element => new() { ["type"] = "array", ["items"] = TypeSchema(element, null, false, docs) },
            // A record of the contracts inside another (OrganizationCreated.defaultBindings): its own schema, inline.
            _ when type.IsClass && type.Namespace == typeof(Partnership.Contracts.IntegrationEvents.ResourceTypes).Namespace => Of(type, docs),
            // A new kind of field needs its schema written here first, or the catalogue would guess.
            _ => throw new InvalidOperationException($"No JSON Schema for {type.Name}; add it to RecordSchema."),
        };
        if (nullable) schema["type"] = new JsonArray(schema["type"]!.GetValue<string>(), "null");
        return schema;
    }

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}
