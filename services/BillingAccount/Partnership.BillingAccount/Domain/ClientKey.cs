using Partnership.EventSourcing;

namespace Partnership.BillingAccount.Domain;

/// <summary>
/// A key the client chooses so a retry is recognised (a charge's request_id, a payment_reference): required, 1-64
/// characters, no control characters. It is remembered on streams and compared exactly, so it is not trimmed.
/// </summary>
public static class ClientKey
{
    public const int MaxLength = 64;

    public static string Check(string? value, string field, string why)
    {
        if (string.IsNullOrWhiteSpace(value)) throw DomainException.Invalid(field, $"is required {why}.");
        if (value.Length > MaxLength) throw DomainException.Invalid(field, $"must be at most {MaxLength} characters.");
        if (value.Any(char.IsControl)) throw DomainException.Invalid(field, "must not contain control characters.");
        return value;
    }
}
