using System.Net.Mail;

namespace Partnership.EventSourcing;

/// <summary>
/// Request-field rules every service applies the same way; each refusal names the field. One implementation, not a copy
/// per service: the email rule in particular must agree everywhere, so that an email a partner types (Customer) finds
/// the account it was registered with (Identity/Roles).
/// </summary>
public static class FieldRules
{
    public const int MaxRequestIdLength = 64;

    /// <summary>The caller's idempotency key: required, bounded. <paramref name="why"/> completes "is required so that ...".</summary>
    public static string RequestId(string? requestId, string why)
    {
        if (string.IsNullOrWhiteSpace(requestId)) throw DomainException.Invalid("request_id", $"is required so that {why}.");
        if (requestId.Length > MaxRequestIdLength)
            throw DomainException.Invalid("request_id", $"must be at most {MaxRequestIdLength} characters.");
        return requestId;
    }

    /// <summary>A display name: trimmed, required, bounded, no control characters.</summary>
    public static string Name(string? name, string field, int maxLength)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid(field, "is required.");
        if (trimmed.Length > maxLength) throw DomainException.Invalid(field, $"must be at most {maxLength} characters.");
        if (trimmed.Any(char.IsControl)) throw DomainException.Invalid(field, "must not contain control characters.");
        return trimmed;
    }

    /// <summary>A well-formed email address, trimmed and lowercased (how accounts are found by email).</summary>
    public static string Email(string? email, string field)
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid(field, "is required.");
        if (trimmed.Length > 254 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.'))
            throw DomainException.Invalid(field, "is not a well-formed email address.");
        return trimmed.ToLowerInvariant();
    }
}
