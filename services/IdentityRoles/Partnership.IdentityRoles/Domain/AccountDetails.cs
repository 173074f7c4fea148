using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>An account's email and display name that passed validation: trimmed, bounded, well-formed, email lowercased.</summary>
public sealed record ValidAccountDetails(string Email, string DisplayName)
{
    public const int MaxDisplayNameLength = 100;

    public static ValidAccountDetails From(string? email, string? displayName)
    {
        var normalizedEmail = NormalizeEmail(email, "email");
        var trimmed = FieldRules.Name(displayName, "display_name", MaxDisplayNameLength);
        return new ValidAccountDetails(normalizedEmail, trimmed);
    }

    public static string NormalizeEmail(string? email, string field) => FieldRules.Email(email, field);
}
