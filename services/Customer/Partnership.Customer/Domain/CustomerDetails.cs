using System.Net.Mail;
using Partnership.EventSourcing;

namespace Partnership.Customer.Domain;

/// <summary>A customer's name and email that passed validation: trimmed, bounded, well-formed.</summary>
public sealed record ValidCustomerDetails(string Name, string Email)
{
    public const int MaxNameLength = 200;
    public const int MaxRequestIdLength = 64;

    public static ValidCustomerDetails From(string? requestId, string? name, string? email)
    {
        if (string.IsNullOrWhiteSpace(requestId))
            throw DomainException.Invalid("request_id", "is required so that a retry does not add the customer twice.");
        if (requestId.Length > MaxRequestIdLength)
            throw DomainException.Invalid("request_id", $"must be at most {MaxRequestIdLength} characters.");
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid("name", "is required.");
        if (trimmed.Length > MaxNameLength) throw DomainException.Invalid("name", $"must be at most {MaxNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Invalid("name", "must not contain control characters.");
        return new ValidCustomerDetails(trimmed, NormalizeEmail(email, "email"));
    }

    public static string NormalizeEmail(string? email, string field)
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid(field, "is required.");
        if (trimmed.Length > 254 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.'))
            throw DomainException.Invalid(field, "is not a well-formed email address.");
        return trimmed.ToLowerInvariant();
    }
}
