using Partnership.EventSourcing;

namespace Partnership.IdentityRoles.Domain;

/// <summary>An account of the cloud: state folded from its stream, and the decisions about it.</summary>
public sealed record AccountRecord(
    string AccountId,
    string Email,
    string DisplayName,
    bool Partner,
    DateTimeOffset? CreatedAt) : IDecider<AccountRecord, AccountCommand>
{
    public static AccountRecord Initial { get; } = new("", "", "", false, null);

    public bool Exists => CreatedAt is not null;

    public static AccountRecord Evolve(AccountRecord state, object @event) => @event switch
    {
        AccountRegistered e => state with { AccountId = e.AccountId, Email = e.Email, DisplayName = e.DisplayName, CreatedAt = e.At },
        PartnerStatusAssigned => state with { Partner = true },
        PartnerStatusWithdrawn => state with { Partner = false },
        _ => state,
    };

    public static IReadOnlyList<object> Decide(AccountCommand command, AccountRecord state) => command switch
    {
        RegisterAccount c => state.Exists
            ? throw DomainException.AlreadyExists($"An account is already registered with the email {state.Email} ({state.AccountId}).")
            : [new AccountRegistered(c.AccountId, c.Details.Email, c.Details.DisplayName, c.Now)],
        AssignPartnerStatus c => RequireExists(state).Partner ? [] : [new PartnerStatusAssigned(c.Now)],
        WithdrawPartnerStatus c => RequireExists(state).Partner ? [new PartnerStatusWithdrawn(c.Now)] : [],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static AccountRecord RequireExists(AccountRecord state) =>
        state.Exists ? state : throw DomainException.NotFound("No such account.");
}
