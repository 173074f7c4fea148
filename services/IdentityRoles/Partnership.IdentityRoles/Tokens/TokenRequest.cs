using System.Globalization;
using Microsoft.AspNetCore.Http;
using Partnership.ServiceDefaults.Authentication;

namespace Partnership.IdentityRoles.Tokens;

/// <summary>The token endpoint's form, checked field by field; an error names the field and never echoes its value.</summary>
public sealed record TokenRequest(string AccountId, bool AsOperator, IReadOnlyList<string> Audiences, TimeSpan Lifetime)
{
    private const int MaxAccountIdLength = 64;

    public static TokenRequest Parse(IFormCollection form, out string? error)
    {
        error = null;
        var accountId = form["account_id"].ToString();
        if (accountId.Length is 0 or > MaxAccountIdLength || !accountId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            error = $"account_id: required, 1 to {MaxAccountIdLength} ASCII letters, digits, '-' or '_'.";

        var role = form["role"].ToString();
        if (role is not ("" or Roles.Operator)) error ??= $"role: only \"{Roles.Operator}\" may be asked for.";

        // Narrowing only: a token never names a service outside the known audiences.
        var audiences = form["audience"].SelectMany(a => (a ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        if (audiences.Count == 0) audiences = [.. TokenRules.Audiences];
        else if (audiences.Any(a => !TokenRules.Audiences.Contains(a)))
            error ??= $"audience: each one of {string.Join(", ", TokenRules.Audiences)}.";

        var lifetime = TokenRules.MaxLifetime;
        if (form["expires_in"].ToString() is { Length: > 0 } asked)
        {
            if (int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 60 and <= 3600)
                lifetime = TimeSpan.FromSeconds(seconds);
            else error ??= "expires_in: whole seconds from 60 to 3600.";
        }
        return new TokenRequest(accountId, role == Roles.Operator, audiences, lifetime);
    }
}
