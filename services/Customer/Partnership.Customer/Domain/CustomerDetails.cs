using Partnership.EventSourcing;

namespace Partnership.CustomerService.Domain;

/// <summary>A customer's name and email that passed validation: trimmed, bounded, well-formed.</summary>
public sealed record ValidCustomerDetails(string Name, string Email)
{
    public const int MaxNameLength = 200;

    public static ValidCustomerDetails From(string? requestId, string? name, string? email)
    {
        FieldRules.RequestId(requestId, "a retry does not add the customer twice");
        var trimmed = FieldRules.Name(name, "name", MaxNameLength);
        return new ValidCustomerDetails(trimmed, FieldRules.Email(email, "email"));
    }
}
