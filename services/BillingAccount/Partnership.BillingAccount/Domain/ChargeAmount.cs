using System.Globalization;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

public static class ChargeAmount
{
    /// <summary>Large enough for any real charge, small enough that sums never overflow decimal.</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>
    /// "120.50": a positive decimal with at most two places (the amounts shown are in kopecks/cents; a finer amount
    /// would be shown rounded and sum up differently than it looks), in the invariant culture.
    /// </summary>
    public static decimal Parse(string? amount)
    {
        if (string.IsNullOrWhiteSpace(amount)) throw DomainException.Invalid("amount", "is required, for example \"120.50\".");
        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw DomainException.Invalid("amount", "must be a decimal number such as \"120.50\".");
        if (value <= 0m) throw DomainException.Invalid("amount", "must be positive.");
        if (value > Max) throw DomainException.Invalid("amount", $"must be at most {Max.ToString(CultureInfo.InvariantCulture)}.");
        if (value.Scale > 2 && value != decimal.Round(value, 2)) throw DomainException.Invalid("amount", "must have at most two decimal places.");
        return value;
    }
}
