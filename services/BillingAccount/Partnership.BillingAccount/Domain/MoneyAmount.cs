using System.Globalization;
using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>The one rule for every amount of money that comes in (charges, payments): parsed here, checked again by the deciders.</summary>
public static class MoneyAmount
{
    /// <summary>Large enough for any real charge, small enough that sums never overflow decimal.</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>
    /// "120.50": a positive decimal with at most two places (the amounts shown are in kopecks/cents; a finer amount
    /// would be shown rounded and sum up differently than it looks), in the invariant culture. The refusal names
    /// <paramref name="field"/> and never echoes the text, which may be of any length.
    /// </summary>
    public static decimal Parse(string? amount, string field = "amount")
    {
        if (string.IsNullOrWhiteSpace(amount)) throw DomainException.Invalid(field, "is required, for example \"120.50\".");
        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw DomainException.Invalid(field, "must be a decimal number such as \"120.50\".");
        return Check(value, field);
    }

    /// <summary>The same rule on a number: what a decider trusts no caller to have checked.</summary>
    public static decimal Check(decimal value, string field = "amount")
    {
        if (value <= 0m) throw DomainException.Invalid(field, "must be positive.");
        if (value > Max) throw DomainException.Invalid(field, $"must be at most {Max.ToString(CultureInfo.InvariantCulture)}.");
        if (value != decimal.Round(value, 2)) throw DomainException.Invalid(field, "must have at most two decimal places.");
        return value;
    }

    /// <summary>How an amount reads in a message: "50.00 RUB".</summary>
    public static string Show(decimal value, string currency) => value.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency;
}
