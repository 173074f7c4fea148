using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Partnership.Contracts.IntegrationEvents.Json;

/// <summary>
/// Money on the wire: a decimal string with exactly two places ("4000.00", "0.50"), as gRPC's Money.amount. A string,
/// so no subscriber's JSON parser turns it into a binary float; two places, so "4000" and "4000.0" never both appear.
/// </summary>
public sealed class MoneyAmountJsonConverter : JsonConverter<decimal>
{
    /// <summary>What every amount matches: optional minus, digits, a point, two digits.</summary>
    public const string Pattern = @"^-?[0-9]+\.[0-9]{2}$";

    /// <summary>The wire form. An amount with more places is refused rather than rounded: the domain keeps at most two.</summary>
    public static string Format(decimal amount) => amount == decimal.Round(amount, 2)
        ? amount.ToString("0.00", CultureInfo.InvariantCulture)
        : throw new JsonException($"The amount {amount.ToString(CultureInfo.InvariantCulture)} has more than two decimal places.");

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new JsonException("A money amount is a decimal string such as \"4000.00\".");

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));
}
