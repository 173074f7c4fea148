using System.Net.Mail;
using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>An account's email and display name that passed validation: trimmed, bounded, well-formed, email lowercased.</summary>
public sealed record ValidAccountDetails(string Email, string DisplayName)
{
    public const int MaxDisplayNameLength = 100;

    public static ValidAccountDetails From(string? email, string? displayName)
    {
        var normalizedEmail = NormalizeEmail(email, "email");
        var trimmed = (displayName ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid("display_name", "is required.");
        if (trimmed.Length > MaxDisplayNameLength)
            throw DomainException.Invalid("display_name", $"must be at most {MaxDisplayNameLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Invalid("display_name", "must not contain control characters.");
        return new ValidAccountDetails(normalizedEmail, trimmed);
    }

    // The same rules as the Customer service's ValidCustomerDetails.NormalizeEmail (copied, not referenced:
    // services share contracts, not code), so an email a partner types finds the account it was registered with.
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
